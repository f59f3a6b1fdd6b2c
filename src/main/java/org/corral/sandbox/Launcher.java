package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.proc.NsType;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * Launches a program in new namespaces under a cgroup cap, as the calling user. This is the
 * one entry point for the CLI ({@code corral run}) and the privileged backend: every field of
 * the spec is validated here ({@link LaunchValidator}), the caller's uid is a parameter (the
 * backend's PKEXEC_UID, the CLI's own uid), and nothing is read from the environment.
 *
 * <h2>How a launch runs (see {@link CommandChain} for the argv)</h2>
 * <ol>
 * <li>Validate; create the launch cgroup(s) with their limits (a refused limit stops here).
 *     Where systemd owns the cgroup tree, nothing is created yet: see step 3.
 * <li>With a new user namespace: {@link UserNsHolder} makes it as the user; its nsfs file is
 *     bound into a private directory for the chain to enter.
 * <li>Start the chain. Its shell waits at <b>gate 1</b> while Corral moves it into the
 *     cgroup(s), before it forks or runs anything of the payload's (it is the chain's first
 *     process, or follows setsid and unshare in the same process: {@link CommandChain}):
 *     everything it becomes and forks is in the cgroup before the payload's first
 *     instruction. (CLONE_INTO_CGROUP would do this in clone(2), but only for cgroup v2, and
 *     the JVM does not expose clone; the gate works on v1, v2 and hybrid hosts alike.) Where
 *     systemd owns the tree, systemd puts it there instead: a transient scope with the limits
 *     and Delegate=yes is started around it, and the gate opens once systemd's job is done
 *     ({@link SystemdScope}).
 * <li>The chain creates the namespaces and builds the jail, says "corral-ready" and waits at
 *     <b>gate 2</b>. Corral sets the hostname (and NIS domain name) and brings loopback up (setns on a throwaway
 *     thread), reads the namespace inodes and persists them, then opens the gate: the chain
 *     drops to the user (no_new_privs, no capabilities, fds above 2 closed) and execs the payload.
 * </ol>
 * A failure at any step kills the chain, unmounts what was mounted and removes the cgroups
 * it created, then throws a {@link LaunchException}: nothing is left behind.
 */
public final class Launcher {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Where a launch waits for its chain's end and then runs {@link Attempt#finish} (which may
     * wait for exiting processes to leave a cgroup, so not on the JDK's process reaper): one
     * parked thread per running launch, as the JDK's reaper keeps one per child. Threads are
     * reused: the default async executor starts a new thread per task on machines with fewer
     * than 3 CPUs. Daemon threads: whoever needs a launch finished waits on its exit future.
     */
    static final ExecutorService AFTER_EXIT = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "corral-launch-exit");
        t.setDaemon(true);
        return t;
    });

    /** A launch's private directory: "corral-launch-PID-…", PID this process's (a leftover says whose it was). */
    public static final String TEMP_PREFIX = "corral-launch-" + ProcessHandle.current().pid() + "-";

    private final LaunchValidator validator;
    private final org.corral.cgroup.CgroupWriter writer = new org.corral.cgroup.CgroupWriter();

    public Launcher() {
        this(Hierarchies.detect(), Accounts.system(), new NetnsManager());
    }

    public Launcher(Hierarchies hierarchies) {
        this(hierarchies, Accounts.system(), new NetnsManager());
    }

    public Launcher(Hierarchies hierarchies, Accounts accounts, NetnsManager netns) {
        this.validator = new LaunchValidator(hierarchies, accounts, netns);
    }

    /** Launches with the payload's stdio connected to Corral's own. */
    public Launch launch(LaunchSpec spec, int callerUid) {
        return launch(spec, callerUid, LaunchIo.inherit());
    }

    public Launch launch(LaunchSpec spec, int callerUid, LaunchIo io) {
        if (Sys.geteuid() != 0) {
            throw new LaunchException("launching needs root (it creates cgroups and namespaces): run corral as root, or through the Corral backend");
        }
        LaunchPlan plan = validator.validate(spec, callerUid);
        Tools tools = Tools.find();
        Attempt a = new Attempt(plan);
        try {
            return a.run(tools, io);
        } catch (LaunchException e) {
            a.undo();
            throw e;
        } catch (IOException | RuntimeException e) {
            a.undo();
            throw new LaunchException("the launch failed: " + e.getMessage(), e);
        }
    }

    /** One launch in progress, remembering what it made so that a failure can undo it. */
    private final class Attempt {
        private final LaunchPlan plan;
        private LaunchCgroups cgroups;
        private Path dir;
        private Path jailMount;
        private Path userNsFile;
        private final List<Path> persistedFiles = new ArrayList<>();
        private boolean selfBind;
        private LaunchGate gate;
        private Process chain;

        Attempt(LaunchPlan plan) {
            this.plan = plan;
        }

        Launch run(Tools tools, LaunchIo io) throws IOException {
            cgroups = LaunchCgroups.prepare(plan.cgroups(), writer);
            dir = Files.createTempDirectory(TEMP_PREFIX, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x")); // umask may have cut it
            Path persist = plan.persistDir();
            if (persist != null) selfBind = PersistedNamespaces.prepare(persist);
            if (plan.jail() != null) {
                jailMount = persist != null ? persist.resolve("root") : dir.resolve("root");
                Files.createDirectory(jailMount);
            }
            Long userNs = null;
            if (plan.creates(NsType.USER)) userNs = makeUserNamespace(tools);

            gate = LaunchGate.create(dir);
            List<String> argv = CommandChain.build(plan, tools, gate.gatePath(), gate.readyPath(), jailMount, userNsFile);
            ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(io.in()).redirectOutput(io.out()).redirectError(io.err());
            environment(pb.environment());
            if (plan.workDir() != null) pb.directory(plan.workDir().toFile());
            chain = pb.start();
            cgroups.admit((int) chain.pid()); // raw: moved; systemd: the scope's job is done
            gate.open(); // gate 1: in the cgroup(s) now
            gate.awaitReady(chain, READY_TIMEOUT);

            int payload = payloadPid();
            Path nsDir = Path.of("/proc", Integer.toString(payload), "ns");
            Map<NsType, Long> ns = new TreeMap<>(NsFiles.of(payload));
            if (userNs != null) ns.put(NsType.USER, userNs); // entered after gate 2, by the user itself
            if (plan.join() != null && plan.join().userNs() != null) {
                NsFiles.inode(Path.of("/proc", Integer.toString(payload), "root").resolve(plan.join().userNs().toString().substring(1)))
                        .or(() -> NsFiles.fileInode(plan.join().userNs())).ifPresent(i -> ns.put(NsType.USER, i));
            }
            if (plan.hostname() != null) {
                String h = plan.hostname();
                NsFiles.inNamespace(nsDir.resolve("uts"), NsType.UTS, () -> Sys.sethostname(h));
            }
            if (plan.domainname() != null) {
                String d = plan.domainname();
                NsFiles.inNamespace(nsDir.resolve("uts"), NsType.UTS, () -> Sys.setdomainname(d));
            }
            if (plan.net().mode() == NetPlan.Mode.NONE) {
                NsFiles.inNamespace(nsDir.resolve("net"), NsType.NET, () -> Sys.setInterfaceUp("lo"));
            }
            if (persist != null) persistNamespaces(payload, persist);
            gate.open(); // gate 2: drop to the user and exec the payload
            boolean entersUser = userNs != null || (plan.join() != null && plan.join().userNs() != null);
            if (entersUser && ns.get(NsType.USER) != null) awaitEntered(payload, ns.get(NsType.USER));
            awaitPayload(payload, tools);
            gate.close();
            if (userNsFile != null) unmountQuietly(userNsFile);
            // Not chain.onExit(): the JDK completes it with handleAsync on the common pool, which
            // starts a new thread for every launch on machines with fewer than 3 CPUs.
            Process p = chain;
            CompletableFuture<LaunchExit> exit = CompletableFuture.supplyAsync(() -> finish(waitUninterruptibly(p)), AFTER_EXIT);
            return new Launch(chain, payload, plan.user(), cgroups.targets(), cgroups.unit().orElse(null), ns, plan.newNamespaces(),
                    persist, exit, plan.join() == null ? List.of() : plan.join().notes(), cgroups::killAll, cgroups.changes(),
                    cgroups.systemdChange().orElse(null));
        }

        private Long makeUserNamespace(Tools tools) throws IOException {
            try (UserNsHolder holder = UserNsHolder.start(CommandChain.holder(plan, tools))) {
                holder.awaitReady(Duration.ofSeconds(10));
                Path source = Path.of("/proc", Integer.toString(holder.pid()), "ns", "user");
                userNsFile = dir.resolve("userns");
                Files.createFile(userNsFile);
                Sys.bindMount(source, userNsFile);
                if (plan.persistDir() != null) persistedFiles.add(PersistedNamespaces.persist(holder.pid(), NsType.USER, plan.persistDir()));
                return NsFiles.fileInode(userNsFile).orElseThrow(() -> new LaunchException("cannot stat " + userNsFile));
            }
        }

        private void persistNamespaces(int payload, Path persist) throws IOException {
            for (NsType t : plan.newNamespaces()) {
                if (t == NsType.USER) continue; // bound from the holder already
                persistedFiles.add(PersistedNamespaces.persist(payload, t, persist));
            }
            Properties meta = new Properties();
            meta.setProperty("pid", Integer.toString(payload));
            meta.setProperty("uid", Integer.toString(plan.user().uid()));
            meta.setProperty("command", String.join(" ", plan.command()));
            if (plan.uidInside() != null) meta.setProperty("uidInside", Integer.toString(plan.uidInside()));
            if (plan.gidInside() != null) meta.setProperty("gidInside", Integer.toString(plan.gidInside()));
            if (plan.hostname() != null) meta.setProperty("hostname", plan.hostname());
            if (plan.domainname() != null) meta.setProperty("domainname", plan.domainname());
            meta.setProperty("jail", Boolean.toString(plan.jail() != null));
            meta.setProperty("selfBind", Boolean.toString(selfBind));
            PersistedNamespaces.writeMeta(persist, meta);
        }

        /**
         * The payload's PID: the chain's first process, or, in front of a new or joined PID
         * namespace, the relay's only child (PID 1 inside).
         */
        private int payloadPid() {
            boolean relay = plan.creates(NsType.PID) || (plan.join() != null && plan.join().joins(NsType.PID));
            if (!relay) return (int) chain.pid();
            // The kernel's list of the relay's children (CONFIG_PROC_CHILDREN): ProcessHandle's
            // children() reads /proc/N/stat of every process on the machine to find them, which
            // was most of the backend's system calls per launch (bench/RESULTS.md, row 8).
            String pid = Long.toString(chain.pid());
            try {
                String kids = Files.readString(Path.of("/proc", pid, "task", pid, "children")).strip();
                if (!kids.isEmpty()) return Integer.parseInt(kids.split(" ")[0]);
            } catch (IOException | NumberFormatException e) {
                // a kernel without that file: ask ProcessHandle
            }
            return chain.toHandle().children().findFirst().map(h -> (int) h.pid())
                    .orElseThrow(() -> new LaunchException("the sandbox's first process vanished before it started"));
        }

        /**
         * Waits (10 s at most) until the payload is in its user namespace, by readlink of
         * /proc/PID/ns/user only: setns(2) into a user namespace fails with EINVAL while anyone
         * holds a reference to the caller's memory (mm_users &gt; 1), which reading its
         * /proc/PID/cmdline, stat or status takes for a moment. (Any other reader of /proc, ps
         * say, can still hit that instant; the launch then fails with nsenter's message.)
         */
        private void awaitEntered(int payload, long userNs) {
            Path link = Path.of("/proc", Integer.toString(payload), "ns", "user");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && chain.isAlive()) {
                if (NsFiles.inode(link).map(i -> i == userNs).orElse(true)) return;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * Waits (10 s at most) until the chain has become the payload: its command line is no
         * longer one of the chain's own programs (the setup shell, setpriv, chroot, nsenter).
         * Then its user, no_new_privs and namespaces are final when {@link #launch} returns.
         * (Called after {@link #awaitEntered}: reading the command line would disturb the setns.)
         */
        private void awaitPayload(int payload, Tools tools) {
            Path cmdline = Path.of("/proc", Integer.toString(payload), "cmdline");
            Set<String> chainPrograms = Set.of(tools.setpriv(), tools.chroot(), tools.nsenter());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && chain.isAlive()) {
                List<String> argv;
                try {
                    argv = List.of(new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8).split("\0"));
                } catch (IOException e) {
                    return; // gone already: the exit future tells the rest
                }
                boolean setup = argv.size() > 2 && argv.get(0).equals(tools.sh()) && argv.get(2).equals(CommandChain.SETUP);
                if (!argv.isEmpty() && !argv.get(0).isEmpty() && !setup && !chainPrograms.contains(argv.get(0))) return;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void environment(Map<String, String> env) {
            if (plan.env() != null) {
                env.clear();
                env.putAll(plan.env());
            }
            PayloadUser u = plan.user();
            if (u.name() != null) {
                env.put("USER", u.name());
                env.put("LOGNAME", u.name());
            }
            if (u.home() != null && !u.home().isEmpty()) env.put("HOME", u.home());
            if (u.shell() != null && !u.shell().isEmpty()) env.put("SHELL", u.shell());
        }

        /** After the payload exited: OOM kills, then the temporary directory and created cgroups (or scope). */
        private LaunchExit finish(Process p) {
            long oom = cgroups.oomKills();
            removeDir(false);
            List<String> left = cgroups.release().stream().map(CgroupRef::notation).toList();
            return new LaunchExit(p.exitValue(), oom, left);
        }

        /** Undoes a failed attempt: kill the chain, unmount, remove files and cgroups. */
        void undo() {
            if (gate != null) gate.close();
            if (chain != null) {
                chain.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                chain.destroyForcibly();
                try {
                    chain.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (cgroups != null) cgroups.undo();
            for (Path f : persistedFiles) {
                unmountQuietly(f);
                deleteQuietly(f);
            }
            if (plan.persistDir() != null) {
                deleteQuietly(plan.persistDir().resolve(PersistedNamespaces.META));
                if (selfBind) {
                    try {
                        Sys.umount(plan.persistDir(), true);
                    } catch (SysCallException ignored) {
                        // it was not bound after all
                    }
                }
            }
            if (userNsFile != null) unmountQuietly(userNsFile);
            removeDir(true);
        }

        /** Removes the private directory; a persisted jail's root (in the persist dir) stays unless the launch failed. */
        private void removeDir(boolean failed) {
            if (dir == null) return;
            if (userNsFile != null) unmountQuietly(userNsFile);
            for (String f : List.of("gate", "ready", "userns")) deleteQuietly(dir.resolve(f));
            if (jailMount != null && (failed || plan.persistDir() == null)) deleteQuietly(jailMount);
            deleteQuietly(dir);
        }
    }

    /** The process, once it has exited (an interrupt is kept for the caller and the wait goes on). */
    private static Process waitUninterruptibly(Process p) {
        boolean interrupted = false;
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return p;
    }

    private static void unmountQuietly(Path file) {
        try {
            while (MountTable.read().isMountPoint(file)) Sys.umount(file, true);
        } catch (SysCallException | RuntimeException ignored) {
            // nothing mounted, or already gone
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) Files.delete(p);
        } catch (IOException ignored) {
            // best effort; the caller reports what matters
        }
    }
}
