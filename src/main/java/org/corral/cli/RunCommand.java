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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code corral run [OPTIONS] -- CMD [ARGS...]}: launches CMD in new namespaces under a cgroup
 * cap, as the calling user, waits for it and exits with its status. Every option is in the
 * README's "corral run" section.
 */
final class RunCommand implements Callable<Integer> {
    List<String> namespaces;
    String hostname;
    String domainname;
    Integer uidMap;
    Integer gidMap;
    boolean mapRoot;
    String root;
    String jail;
    List<String> binds;
    List<String> roBinds;
    String net;
    String memoryMax;
    String memoryHigh;
    String cpus;
    String cpuMax;
    String pidsMax;
    List<String> cgroups;
    String parent;
    String name;
    String persist;
    String join;
    String user;
    boolean jsonStatus;
    String profile;
    String saveProfile;
    boolean listProfiles;
    List<String> command;
    CommandSpec spec;

    /** The options in help order (not sorted). */
    static CommandSpec spec(RunCommand c) {
        CommandSpec s = Specs.command(c, "run", "Run a program in new namespaces and a new cgroup with limits, as your user.",
                "Waits for it and exits with its exit status. Needs root (under sudo the program runs as you).");
        c.spec = s;
        s.usageMessage().sortOptions(false).footer("", "Examples:",
                "  corral run --memory-max 2G -- firefox",
                "  corral run --ns pid,uts,mnt --hostname demo -- bash",
                "  corral run --jail minimal --net none --ro-bind $HOME/data:/data -- sh");
        // everything from the program's name on belongs to the program: corral run firefox --new-window
        s.parser().stopAtPositional(true);
        s.addOption(Specs.option(OptionSpec.builder("--ns").type(List.class).auxiliaryTypes(String.class).paramLabel("LIST").splitRegex(",")
                .description("New namespaces: any of mnt,pid,uts,ipc,net,user,cgroup, or all."), () -> c.namespaces, v -> c.namespaces = v));
        s.addOption(Specs.string("--hostname", "NAME", "Hostname inside (adds a uts namespace).", () -> c.hostname, v -> c.hostname = v));
        s.addOption(Specs.string("--domainname", "NAME", "NIS domain name inside (adds a uts namespace).",
                () -> c.domainname, v -> c.domainname = v));
        s.addOption(Specs.option(OptionSpec.builder("--uid-map").type(Integer.class).paramLabel("UID")
                .description("Your uid appears as UID inside a new user namespace (default: your own)."), () -> c.uidMap, v -> c.uidMap = v));
        s.addOption(Specs.option(OptionSpec.builder("--gid-map").type(Integer.class).paramLabel("GID")
                .description("Your gid appears as GID inside (default: your own)."), () -> c.gidMap, v -> c.gidMap = v));
        s.addOption(Specs.flag("--map-root", "You appear as root (0/0) inside a new user namespace, as unshare --map-root-user.",
                () -> c.mapRoot, v -> c.mapRoot = v));
        s.addOption(Specs.string("--root", "DIR", "Use DIR as the root (a chroot jail; adds a mount namespace).",
                () -> c.root, v -> c.root = v));
        s.addOption(Specs.string("--jail", "minimal",
                "Build a jail: a tmpfs with read-only /usr, /bin, /sbin, /lib*, /etc, fresh /proc, minimal /dev, private /tmp.",
                () -> c.jail, v -> c.jail = v));
        s.addOption(Specs.strings("--bind", "SRC[:DST]", "Bind SRC at DST in the jail (repeatable).", () -> c.binds, v -> c.binds = v));
        s.addOption(Specs.strings("--ro-bind", "SRC[:DST]", "Bind SRC read-only at DST in the jail (repeatable).",
                () -> c.roBinds, v -> c.roBinds = v));
        s.addOption(Specs.string("--net", "none|host|NAME",
                "none: a new network namespace, only loopback; host (default); NAME: join /run/netns/NAME.", () -> c.net, v -> c.net = v));
        s.addOption(Specs.string("--memory-max", "SIZE", "Hard memory cap (512M, 2G): the OOM killer acts above it.",
                () -> c.memoryMax, v -> c.memoryMax = v));
        s.addOption(Specs.string("--memory-high", "SIZE", "Throttle and reclaim above SIZE (cgroup v2 only).",
                () -> c.memoryHigh, v -> c.memoryHigh = v));
        s.addOption(Specs.string("--cpus", "LIST", "The CPUs it may use (0-1,3).", () -> c.cpus, v -> c.cpus = v));
        s.addOption(Specs.string("--cpu-max", "QUOTA[/PERIOD]", "CPU time: 50%% (half a CPU), 200%%, 50000/100000.",
                () -> c.cpuMax, v -> c.cpuMax = v));
        s.addOption(Specs.string("--pids-max", "N", "At most N processes and threads.", () -> c.pidsMax, v -> c.pidsMax = v));
        s.addOption(Specs.strings("--cgroup", "CG", "Launch into this existing cgroup instead of a new one (repeatable: one per hierarchy).",
                () -> c.cgroups, v -> c.cgroups = v));
        s.addOption(Specs.string("--parent", "PATH", "Where new launch cgroups go, in each hierarchy (default /corral.launch).",
                () -> c.parent, v -> c.parent = v));
        s.addOption(Specs.string("--name", "NAME", "Name of the new cgroup (default: the command's name), plus a random suffix.",
                () -> c.name, v -> c.name = v));
        s.addOption(Specs.string("--persist", "DIR", "Keep every new namespace alive in DIR (bind mounts of /proc/PID/ns/*).",
                () -> c.persist, v -> c.persist = v));
        s.addOption(Specs.string("--join", "PID|DIR", "Enter the namespaces of process PID or of a persisted DIR, as nsenter.",
                () -> c.join, v -> c.join = v));
        s.addOption(Specs.string("--user", "NAME", "Root only: the user to run as (default: SUDO_UID's user; root only by name).",
                () -> c.user, v -> c.user = v));
        s.addOption(Specs.flag("--json-status", "JSON lines on stdout: started (pid, cgroups, namespaces), then exited.",
                () -> c.jsonStatus, v -> c.jsonStatus = v));
        s.addOption(Specs.string("--profile", "NAME", "Start from a saved profile; options given here override it.",
                () -> c.profile, v -> c.profile = v));
        s.addOption(Specs.string("--save-profile", "NAME", "Save these options as a profile (and do not run).",
                () -> c.saveProfile, v -> c.saveProfile = v));
        s.addOption(Specs.flag("--list-profiles", "List the profiles (installing the presets if missing) and exit.",
                () -> c.listProfiles, v -> c.listProfiles = v));
        s.addPositional(Specs.positional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
                .paramLabel("CMD").description("The program and its arguments (after --)."), () -> c.command, v -> c.command = v));
        return s;
    }

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
