package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corral.sys.Sys;
import org.corral.testkit.Require;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GUI classifies cgroups as the person running it, not as root: an ordinary user cannot
 * read trusted.* extended attributes (the kernel answers ENODATA), so only user.delegate tells
 * them a unit is delegated. systemd 251+ writes both marks, and then the user sees what root
 * sees; a unit marked with trusted.delegate alone (older systemd) looks undelegated to the
 * user — the GUI then says systemd owns its subtree, and the backend (root) still decides.
 * Checked on real xattrs, read by a JVM running as the test user.
 */
class DelegationMarksUnprivilegedIT {
    private Path dir;

    @AfterEach
    void clean() throws Exception {
        if (dir == null) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Test
    void anOrdinaryUserSeesUserDelegateButNotTrustedDelegate() throws Exception {
        Require.root();
        TestUser.Ids user = TestUser.ensure();
        dir = Files.createTempDirectory("corral-marks");
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        byte[] one = "1".getBytes(StandardCharsets.UTF_8);
        Path both = mkdir(f, "/system.slice/both.scope");
        Sys.setxattr(both, "trusted.delegate", one);
        Sys.setxattr(both, "user.delegate", one);
        Sys.setxattr(mkdir(f, "/system.slice/trusted-only.scope"), "trusted.delegate", one);
        mkdir(f, "/system.slice/none.scope");
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        List<String> paths = List.of("/system.slice/both.scope", "/system.slice/trusted-only.scope", "/system.slice/none.scope");

        assertEquals(List.of("/system.slice/both.scope=true", "/system.slice/trusted-only.scope=true",
                "/system.slice/none.scope=false"), probe(paths, null), "root reads trusted.delegate");
        assertEquals(List.of("/system.slice/both.scope=true", "/system.slice/trusted-only.scope=false",
                "/system.slice/none.scope=false"), probe(paths, user), "a user reads user.delegate only");
    }

    private static Path mkdir(SystemdFixture f, String path) throws Exception {
        Path d = f.v2(path).dir();
        Files.createDirectories(d);
        return d;
    }

    /** Runs {@link DelegationMarksProbe} in a new JVM, as {@code user} (null: as this process's user). */
    private List<String> probe(List<String> paths, TestUser.Ids user) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        String cp = target.resolve("classes") + File.pathSeparator + target.resolve("test-classes")
                + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("setpriv", "--reuid", Integer.toString(user.uid()), "--regid", Integer.toString(user.gid()),
                    "--clear-groups"));
        }
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off",
                "-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp, "-Duser.home=" + tmp, "-cp", cp,
                DelegationMarksProbe.class.getName(), dir.toString()));
        cmd.addAll(paths);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM ends within 60 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        try (var walk = Files.walk(tmp)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
        return out.lines().filter(l -> l.startsWith("/")).toList();
    }
}
