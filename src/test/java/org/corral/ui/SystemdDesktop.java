package org.corral.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.HostRoot;
import org.corral.client.BackendException;
import org.corral.protocol.ErrorCode;
import org.corral.systemd.SystemdFixture;
import org.corral.systemd.WritePolicy;
import org.corral.testkit.Fixtures;
import org.corral.ui.actions.BackendCgroupActions;

/**
 * A systemd desktop's cgroup tree in a directory, for the GUI on a host without systemd (this
 * one): the mount table of a unified systemd host, /run/systemd/system, and the cgroups systemd
 * lays out for a logged-in user (user.slice/user-1000.slice with session-2.scope and the user's
 * own systemd in user@1000.service, delegated), services in system.slice, a delegated scope
 * Corral launched, and one cgroup outside every unit. Each cgroup's files are copies of a real
 * v2 cgroup's (the uml-v2 fixture), so the app reads it as it reads /sys/fs/cgroup.
 *
 * <p>Nothing here is written to: the app's backend refuses every change ("a fixture host").
 */
public final class SystemdDesktop {
    public static final String SESSION = "/user.slice/user-1000.slice/session-2.scope";
    public static final String USER_MANAGER = "/user.slice/user-1000.slice/user@1000.service";
    public static final String USER_APP = USER_MANAGER + "/app.slice/app-org.gnome.Terminal-4711.scope";
    public static final String DELEGATED_SCOPE = "/system.slice/corral-firefox-4242.scope";
    public static final String DELEGATED_CHILD = DELEGATED_SCOPE + "/payload";
    public static final String SERVICE = "/system.slice/cron.service";

    /** Path → memory.current in MiB (a slice or the root: 0, the files' own value is kept). */
    private static final Map<String, Integer> CGROUPS = cgroups();

    public final SystemdFixture fixture;
    public final WritePolicy policy;

    public SystemdDesktop(Path dir) throws IOException {
        this.fixture = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        this.policy = fixture.policy(Set.of(USER_MANAGER, DELEGATED_SCOPE));
        Path source = Fixtures.dir("uml-v2").resolve("sys/fs/cgroup");
        Path cgroupRoot = fixture.v2("/").dir();
        Files.createDirectories(cgroupRoot);
        copyFiles(source, cgroupRoot);
        for (var e : CGROUPS.entrySet()) {
            Path d = fixture.v2(e.getKey()).dir();
            Files.createDirectories(d);
            copyFiles(source.resolve("corral-fixture"), d);
            boolean leaf = CGROUPS.keySet().stream().noneMatch(p -> p.startsWith(e.getKey() + "/"));
            Files.writeString(d.resolve("memory.current"), ((long) e.getValue() << 20) + "\n");
            Files.writeString(d.resolve("memory.max"), e.getKey().equals(USER_APP) ? (2L << 30) + "\n" : "max\n");
            Files.writeString(d.resolve("memory.high"), "max\n");
            Files.writeString(d.resolve("memory.min"), "0\n");
            Files.writeString(d.resolve("memory.low"), "0\n");
            Files.writeString(d.resolve("cpu.max"), "max 100000\n");
            Files.writeString(d.resolve("pids.max"), "max\n");
            Files.writeString(d.resolve("cgroup.subtree_control"), leaf ? "\n" : "cpu io memory pids\n");
            Files.writeString(d.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
            Files.writeString(d.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
            Files.writeString(d.resolve("cgroup.freeze"), "0\n");
            Files.writeString(d.resolve("cgroup.procs"), leaf ? "1\n" : "");
            Files.writeString(d.resolve("cgroup.threads"), leaf ? "1\n" : "");
        }
    }

    private static Map<String, Integer> cgroups() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("/init.scope", 9);
        m.put("/system.slice", 0);
        m.put(SERVICE, 2);
        m.put("/system.slice/ssh.service", 5);
        m.put("/system.slice/NetworkManager.service", 14);
        m.put(DELEGATED_SCOPE, 0);
        m.put(DELEGATED_CHILD, 612);
        m.put("/user.slice", 0);
        m.put("/user.slice/user-1000.slice", 0);
        m.put(SESSION, 180);
        m.put(USER_MANAGER, 0);
        m.put(USER_MANAGER + "/init.scope", 11);
        m.put(USER_MANAGER + "/app.slice", 0);
        m.put(USER_APP, 96);
        m.put(USER_MANAGER + "/app.slice/app-firefox-77.scope", 1240);
        m.put("/docker", 0);
        m.put("/docker/4f1c2a", 48);
        return m;
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public HostRoot root() {
        return HostRoot.at(fixture.root);
    }

    public CgroupRef v2(String path) {
        return fixture.v2(path);
    }

    public CgroupPath path(String path) {
        return CgroupPath.parse(path);
    }

    /** The whole app on this tree; a change is refused before it reaches any backend. */
    public AppContext context(Executor uiThread) {
        BackendCgroupActions refusing = new BackendCgroupActions(() -> {
            throw new BackendException(ErrorCode.NOT_AVAILABLE, "this is a fixture host: nothing is written");
        }, fixture.hierarchies, "run Corral on a real host to make changes");
        return new AppContext(uiThread, root(), fixture.hierarchies, policy, refusing);
    }

    /** Makes the tree in a new temporary directory (for a demo run; tests use @TempDir). */
    public static SystemdDesktop inTempDir() {
        try {
            return new SystemdDesktop(Files.createTempDirectory("corral-systemd-desktop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
