package org.corral.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.corral.testkit.CorralJar;

/**
 * A copy of the built Corral installed the way installer/ describes, at a fixed root-owned
 * place of its own (/usr/local/lib/corral-it-RANDOM), with its own polkit action
 * (org.corral.backend.it.RANDOM) made from installer/org.corral.backend.policy and a launcher
 * made from installer/corral-backend, only their paths replaced. pkexec finds the action by the
 * launcher's exact path; an installed Corral (org.corral.backend) is never touched.
 */
final class TestInstall implements AutoCloseable {
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final Path prefix = Path.of("/usr/local/lib/corral-it-" + id);
    final Path launcher = prefix.resolve("corral-backend");
    final Path jar = prefix.resolve("corral.jar");
    final String actionId = "org.corral.backend.it." + id;
    final Path policy = Path.of("/usr/share/polkit-1/actions/" + actionId + ".policy");

    TestInstall() throws IOException, InterruptedException {
        Path built = CorralJar.jar().toAbsolutePath();
        Files.createDirectories(prefix.resolve("lib"));
        Files.copy(built, jar, StandardCopyOption.REPLACE_EXISTING);
        try (var libs = Files.list(built.resolveSibling("lib"))) {
            for (Path l : libs.toList()) Files.copy(l, prefix.resolve("lib").resolve(l.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        String script = Files.readString(Path.of("installer/corral-backend"));
        if (!script.contains("CORRAL_LIB=/usr/lib/corral\n")) throw new IllegalStateException("installer/corral-backend no longer sets CORRAL_LIB");
        Files.writeString(launcher, script.replace("CORRAL_LIB=/usr/lib/corral\n", "CORRAL_LIB=" + prefix + "\n"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        String action = Files.readString(Path.of("installer/org.corral.backend.policy"));
        String mine = action.replace("<action id=\"org.corral.backend\">", "<action id=\"" + actionId + "\">")
                .replace(">/usr/libexec/corral/corral-backend<", ">" + launcher + "<");
        if (mine.equals(action) || !mine.contains(actionId) || !mine.contains(launcher.toString())) {
            throw new IllegalStateException("installer/org.corral.backend.policy changed shape; update TestInstall");
        }
        Path tmp = policy.resolveSibling(policy.getFileName() + ".tmp");
        Files.writeString(tmp, mine);
        Files.move(tmp, policy, StandardCopyOption.ATOMIC_MOVE);
        // polkitd re-reads its actions when the directory changes; wait until it knows this one
        for (int i = 0; i < 100; i++) {
            if (new ProcessBuilder("pkaction", "--action-id", actionId).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0) return;
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("polkitd did not load " + policy + " within 10 s");
    }

    /** Every path pkexec runs through is root-owned and writable by root alone. */
    static boolean rootOwnedAndPrivate(Path p) throws IOException {
        for (Path q = p; q != null; q = q.getParent()) {
            int uid = (Integer) Files.getAttribute(q, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(q, LinkOption.NOFOLLOW_LINKS);
            if (uid != 0 || perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(policy);
        if (Files.exists(prefix)) {
            try (var all = Files.walk(prefix)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }
}
