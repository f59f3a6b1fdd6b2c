package org.corral.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The non-root user sandbox tests launch payloads as: {@value #NAME}. .ci/run creates it; on
 * the host a test creates it when missing (useradd, as root). Inside the user-mode-linux
 * kernel /etc is the host's, read-only: it must exist before the kernel boots.
 */
public final class TestUser {
    public static final String NAME = "corral-test";

    private TestUser() {}

    /** uid and gid of the test user. */
    public record Ids(int uid, int gid) {}

    /** Creates the user if missing (host, root) and returns its ids; skips (fails in CI) when impossible. */
    public static Ids ensure() {
        Ids ids = lookup();
        if (ids == null && Require.isRoot() && Files.isWritable(Path.of("/etc/passwd"))) {
            try {
                Process p = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME)
                        .redirectErrorStream(true).start();
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                // reported below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ids = lookup();
        }
        Require.that(ids != null, "the test user " + NAME + " exists (useradd --system " + NAME + "; .ci/run creates it)");
        return ids;
    }

    private static Ids lookup() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = l.split(":");
                if (f.length >= 4 && f[0].equals(NAME)) return new Ids(Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
