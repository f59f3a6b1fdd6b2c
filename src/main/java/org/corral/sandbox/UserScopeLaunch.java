package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.sys.Sys;
import org.corral.systemd.SystemdHost;

/**
 * A launch that needs no root at all, by an ordinary user where systemd runs: no namespaces, no
 * jail, only limits ("open the browser with 2 GiB"). The user's own systemd (systemd --user, on
 * the session bus) starts a transient scope with the limits around the program while it waits
 * at a gate, as {@code systemd-run --user --scope -p MemoryMax=2G firefox} does: no pkexec, no
 * backend, and the program keeps the user's terminal and environment (it is the user's own
 * process, started by the user).
 *
 * <p>The same guarantees as {@link Launcher}'s where they apply: the program is in its scope
 * before its first instruction, a failed launch leaves no unit and no process, and the scope is
 * gone once the program's last process is.
 */
public final class UserScopeLaunch {
    private UserScopeLaunch() {}

    /**
     * Why this launch needs root (and so the privileged backend), or empty when the user's own
     * systemd can make it alone.
     */
    public static Optional<String> needsRoot(LaunchSpec s) {
        List<String> what = new ArrayList<>();
        if (!s.namespaces().isEmpty() || s.hostname() != null || s.domainname() != null || s.uidInside() != null || s.gidInside() != null || s.mapRoot()) {
            what.add("new namespaces");
        }
        if (s.root() != null || s.jail() != null || !s.binds().isEmpty() || !s.roBinds().isEmpty()) what.add("a jail");
        if (s.net() != null && !s.net().isBlank() && !s.net().strip().equals("host")) what.add("--net " + s.net().strip());
        if (!s.cgroups().isEmpty()) what.add("--cgroup");
        if (s.parent() != null) what.add("--parent");
        if (s.persist() != null) what.add("--persist");
        if (s.join() != null) what.add("--join");
        if (s.user() != null) what.add("--user");
        return what.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", what));
    }

    /**
     * Whether this user has a systemd of their own to ask: systemd runs and the user's session
     * bus is there ($DBUS_SESSION_BUS_ADDRESS, or /run/user/UID/bus). Without it (a login without
     * a user session), launches go through the backend as before.
     */
    public static boolean available() {
        if (!SystemdHost.detect().running()) return false;
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        return (address != null && !address.isBlank()) || Files.exists(Path.of("/run/user/" + Sys.getuid() + "/bus"));
    }

    /**
     * Launches as the calling user through the user's own systemd.
     *
     * @throws InvalidLaunchException what is wrong with the spec; nothing was started
     * @throws LaunchException        what failed; nothing is left behind
     */
    public static Launch launch(LaunchSpec spec, LaunchIo io) {
        needsRoot(spec).ifPresent(why -> {
            throw new InvalidLaunchException("this launch needs root (" + why + "); it goes through the Corral backend", null);
        });
        SystemdHost host = SystemdHost.detect();
        if (!host.running()) throw new InvalidLaunchException("systemd does not run here: there is no user systemd to make the scope", null);
        // Checked as the root launcher checks a launch it makes for this user, with the user's own
        // environment: no step runs with more privilege than the user's, so nothing in it needs
        // filtering, and the program is looked up on the user's PATH.
        LaunchSpec own = spec.toBuilder().user(Integer.toString(Sys.getuid())).env(System.getenv()).build();
        LaunchPlan plan = new LaunchValidator(Hierarchies.detect(), Accounts.system(), new NetnsManager(), host).validate(own, 0);
        SystemdScope scope = new SystemdScope(plan.cgroups(), SystemdScope.Manager.USER);
        Path dir = null;
        Process p = null;
        try {
            dir = Files.createTempDirectory(Launcher.TEMP_PREFIX, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (LaunchGate gate = LaunchGate.create(dir)) {
                ProcessBuilder pb = new ProcessBuilder(CommandChain.plain(Tools.find(), gate.gatePath(), gate.readyPath(), plan.command()))
                        .redirectInput(io.in()).redirectOutput(io.out()).redirectError(io.err());
                if (plan.workDir() != null) pb.directory(plan.workDir().toFile());
                p = pb.start();
                scope.admit((int) p.pid());
                gate.open(); // in its scope now: on to the program
                gate.awaitPassed(p, java.time.Duration.ofSeconds(30)); // then the FIFOs may go
            }
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            scope.undo();
            throw e instanceof LaunchException le ? le : new LaunchException("the launch failed: " + e.getMessage(), e);
        } finally {
            removeQuietly(dir);
        }
        int pid = (int) p.pid();
        CompletableFuture<LaunchExit> exit = p.onExit().thenApplyAsync(done -> {
            long oom = scope.oomKills();
            List<String> left = scope.release().stream().map(CgroupRef::notation).toList();
            return new LaunchExit(done.exitValue(), oom, left);
        }, Launcher.AFTER_EXIT);
        return new Launch(p, pid, plan.user(), scope.targets(), scope.unit().orElse(null), NsFiles.of(pid), Set.of(), null, exit,
                List.of(), scope::killAll, scope.changes(), scope.systemdChange().orElse(null));
    }

    private static void removeQuietly(Path dir) {
        if (dir == null) return;
        try {
            for (String f : List.of("gate", "ready")) Files.deleteIfExists(dir.resolve(f));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory of the user's own
        }
    }
}
