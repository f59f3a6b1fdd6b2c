package org.corral.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Duration;
import org.corral.sandbox.Launch;
import org.corral.sandbox.LaunchIo;
import org.corral.sandbox.LaunchExit;
import org.corral.sandbox.LaunchProfile;
import org.corral.sandbox.LaunchSpec;
import org.corral.sandbox.Launcher;
import org.corral.sandbox.Profiles;
import org.corral.sandbox.UserScopeLaunch;
import org.corral.sys.Sys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code corral run [OPTIONS] -- CMD [ARGS...]}: launches CMD in new namespaces under a cgroup
 * cap, as the calling user, waits for it and exits with its status. Every option is in the
 * README's "corral run" section.
 */
@Command(name = "run", sortOptions = false,
        description = {"Run a program in new namespaces and a new cgroup with limits, as your user.",
                "Waits for it and exits with its exit status. Needs root (under sudo the program runs as you)."},
        footer = {"", "Examples:",
                "  corral run --memory-max 2G -- firefox",
                "  corral run --ns pid,uts,mnt --hostname demo -- bash",
                "  corral run --jail minimal --net none --ro-bind $HOME/data:/data -- sh"})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--ns", paramLabel = "LIST", split = ",",
            description = "New namespaces: any of mnt,pid,uts,ipc,net,user,cgroup, or all.")
    List<String> namespaces;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Hostname inside (adds a uts namespace).")
    String hostname;

    @Option(names = "--domainname", paramLabel = "NAME", description = "NIS domain name inside (adds a uts namespace).")
    String domainname;

    @Option(names = "--uid-map", paramLabel = "UID", description = "Your uid appears as UID inside a new user namespace (default: your own).")
    Integer uidMap;

    @Option(names = "--gid-map", paramLabel = "GID", description = "Your gid appears as GID inside (default: your own).")
    Integer gidMap;

    @Option(names = "--map-root", description = "You appear as root (0/0) inside a new user namespace, as unshare --map-root-user.")
    boolean mapRoot;

    @Option(names = "--root", paramLabel = "DIR", description = "Use DIR as the root (a chroot jail; adds a mount namespace).")
    String root;

    @Option(names = "--jail", paramLabel = "minimal",
            description = "Build a jail: a tmpfs with read-only /usr, /bin, /sbin, /lib*, /etc, fresh /proc, minimal /dev, private /tmp.")
    String jail;

    @Option(names = "--bind", paramLabel = "SRC[:DST]", description = "Bind SRC at DST in the jail (repeatable).")
    List<String> binds;

    @Option(names = "--ro-bind", paramLabel = "SRC[:DST]", description = "Bind SRC read-only at DST in the jail (repeatable).")
    List<String> roBinds;

    @Option(names = "--net", paramLabel = "none|host|NAME",
            description = "none: a new network namespace, only loopback; host (default); NAME: join /run/netns/NAME.")
    String net;

    @Option(names = "--memory-max", paramLabel = "SIZE", description = "Hard memory cap (512M, 2G): the OOM killer acts above it.")
    String memoryMax;

    @Option(names = "--memory-high", paramLabel = "SIZE", description = "Throttle and reclaim above SIZE (cgroup v2 only).")
    String memoryHigh;

    @Option(names = "--cpus", paramLabel = "LIST", description = "The CPUs it may use (0-1,3).")
    String cpus;

    @Option(names = "--cpu-max", paramLabel = "QUOTA[/PERIOD]", description = "CPU time: 50%% (half a CPU), 200%%, 50000/100000.")
    String cpuMax;

    @Option(names = "--pids-max", paramLabel = "N", description = "At most N processes and threads.")
    String pidsMax;

    @Option(names = "--cgroup", paramLabel = "CG", description = "Launch into this existing cgroup instead of a new one (repeatable: one per hierarchy).")
    List<String> cgroups;

    @Option(names = "--parent", paramLabel = "PATH", description = "Where new launch cgroups go, in each hierarchy (default /corral.launch).")
    String parent;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the new cgroup (default: the command's name), plus a random suffix.")
    String name;

    @Option(names = "--persist", paramLabel = "DIR", description = "Keep every new namespace alive in DIR (bind mounts of /proc/PID/ns/*).")
    String persist;

    @Option(names = "--join", paramLabel = "PID|DIR", description = "Enter the namespaces of process PID or of a persisted DIR, as nsenter.")
    String join;

    @Option(names = "--user", paramLabel = "NAME", description = "Root only: the user to run as (default: SUDO_UID's user; root only by name).")
    String user;

    @Option(names = "--json-status", description = "JSON lines on stdout: started (pid, cgroups, namespaces), then exited.")
    boolean jsonStatus;

    @Option(names = "--profile", paramLabel = "NAME", description = "Start from a saved profile; options given here override it.")
    String profile;

    @Option(names = "--save-profile", paramLabel = "NAME", description = "Save these options as a profile (and do not run).")
    String saveProfile;

    @Option(names = "--list-profiles", description = "List the profiles (installing the presets if missing) and exit.")
    boolean listProfiles;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The program and its arguments (after --).")
    List<String> command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Profiles profiles = new Profiles(Profiles.defaultDir(System.getenv()));
        if (listProfiles) {
            profiles.installPresets();
            for (LaunchProfile p : profiles.list()) out.printf("%-50s %s%n", Profiles.slug(p.name()), p.description() == null ? "" : p.description());
            out.flush();
            return 0;
        }
        LaunchSpec launchSpec = build(profiles);
        if (saveProfile != null) {
            profiles.save(new LaunchProfile(saveProfile, "saved by corral run --save-profile", List.of(), launchSpec));
            out.println("saved " + profiles.fileOf(saveProfile));
            out.flush();
            return 0;
        }
        if (launchSpec.command().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no command given: corral run [OPTIONS] -- CMD [ARGS...]");
        }
        if (Sys.geteuid() != 0) {
            // only limits, where systemd runs: the user's own systemd makes the scope, no root needed
            if (UserScopeLaunch.needsRoot(launchSpec).isEmpty() && UserScopeLaunch.available()) {
                return follow(UserScopeLaunch.launch(launchSpec, LaunchIo.inherit()), launchSpec);
            }
            return new RunThroughBackend(spec.commandLine(), jsonStatus).run(launchSpec);
        }
        int callerUid = Sys.getuid();
        if (callerUid == 0 && launchSpec.user() == null) launchSpec = launchSpec.toBuilder().user(sudoUser()).build();
        return follow(new Launcher().launch(launchSpec, callerUid), launchSpec);
    }

    /** Reports a running launch (notes, its unit, --json-status), waits for its end and reports that. */
    private int follow(Launch launch, LaunchSpec launchSpec) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Thread relay = forwardTermination(launch);
        for (String note : launch.notes()) spec.commandLine().getErr().println("corral: note: " + note);
        launch.unit().ifPresent(u -> spec.commandLine().getErr().println(RunStatus.unitLine(u,
                launch.cgroups().stream().map(org.corral.cgroup.CgroupRef::notation).toList())));
        spec.commandLine().getErr().flush();
        if (jsonStatus) {
            out.println(RunStatus.line(RunStatus.Started.of(launch)));
            out.flush();
        }
        LaunchExit exit = launch.exit().get();
        try {
            Runtime.getRuntime().removeShutdownHook(relay);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
        if (jsonStatus) {
            out.println(RunStatus.line(RunStatus.Exited.of(launch, exit)));
            out.flush();
        }
        reportEnd(spec.commandLine().getErr(), launchSpec.command().get(0), exit.oomKills(), exit.cgroupsLeft());
        return exit.exitCode();
    }

    /** The lines a person reads after the end: OOM kills, cgroups left. */
    static void reportEnd(PrintWriter err, String program, long oomKills, List<String> cgroupsLeft) {
        if (oomKills > 0) {
            err.println("corral: " + program + ": the OOM killer ended " + oomKills
                    + " process" + (oomKills == 1 ? "" : "es") + " at the cgroup's memory limit");
        }
        if (!cgroupsLeft.isEmpty()) {
            err.println("corral: processes outlived " + program + "; their cgroup stays: " + String.join(" ", cgroupsLeft));
        }
        err.flush();
    }

    /**
     * The payload is in its own session, so ^C reaches only Corral: pass SIGTERM on, and kill it
     * (and what it started) if it is still there 3 s later, so nothing runs on unwatched.
     */
    private static Thread forwardTermination(Launch launch) {
        Thread hook = new Thread(() -> {
            if (!launch.exit().isDone()) launch.stop(Duration.ofSeconds(3));
        }, "corral-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Root under sudo: the user who ran sudo (SUDO_UID). */
    private static String sudoUser() {
        String uid = System.getenv("SUDO_UID");
        return uid != null && uid.matches("[0-9]+") && !uid.equals("0") ? uid : null;
    }

    private LaunchSpec build(Profiles profiles) {
        LaunchSpec.Builder b;
        if (profile != null) {
            profiles.installPresets();
            LaunchProfile p = profiles.load(profile);
            b = (command != null && !command.isEmpty() ? p.spec() : Profiles.resolve(p, RunCommand::onPath)).toBuilder();
        } else {
            b = LaunchSpec.builder();
        }
        if (command != null && !command.isEmpty()) b.command(command);
        if (namespaces != null) b.namespaces(namespaces);
        if (hostname != null) b.hostname(hostname);
        if (domainname != null) b.domainname(domainname);
        if (uidMap != null) b.uidInside(uidMap);
        if (gidMap != null) b.gidInside(gidMap);
        if (mapRoot) b.mapRoot(true);
        if (jail != null) b.jail(jail);
        if (binds != null) b.binds(binds);
        if (roBinds != null) b.roBinds(roBinds);
        if (net != null) b.net(net);
        if (memoryMax != null) b.memoryMax(memoryMax);
        if (memoryHigh != null) b.memoryHigh(memoryHigh);
        if (cpus != null) b.cpus(cpus);
        if (cpuMax != null) b.cpuMax(cpuMax);
        if (pidsMax != null) b.pidsMax(pidsMax);
        if (cgroups != null) b.cgroups(cgroups);
        if (parent != null) b.parent(parent);
        if (name != null) b.name(name);
        if (persist != null) b.persist(absolute(persist));
        if (join != null) b.join(join.chars().allMatch(Character::isDigit) ? join : absolute(join));
        if (user != null) b.user(user);
        if (root != null) b.root(absolute(root));
        return b.build();
    }

    /** The CLI takes relative paths; the launcher wants absolute ones. */
    private static String absolute(String p) {
        return Path.of(p).toAbsolutePath().normalize().toString();
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

}
