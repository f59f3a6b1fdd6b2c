package org.corral.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.corral.cgroup.HostRoot;

/** The proc/ files captured from the CI host: src/test/resources/fixtures/host-hybrid (see proc/README.md there). */
final class ProcFixture {
    private ProcFixture() {}

    static Path dir() {
        try {
            return Path.of(ProcFixture.class.getResource("/fixtures/host-hybrid").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HostRoot root() {
        return HostRoot.at(dir());
    }

    static byte[] bytes(int pid, String file) {
        try {
            return Files.readAllBytes(dir().resolve("proc/" + pid + "/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(int pid, String file) {
        return new String(bytes(pid, file), java.nio.charset.StandardCharsets.UTF_8);
    }

    static final int INIT = 1, KTHREADD = 2, KDEVTMPFS = 25, SHELL = 8240, A_PAREN_B = 8244, LOOKS_LIKE_FIELDS = 8246,
            UNSHARED = 8247, V2_COLON = 8251, ZOMBIE_PARENT = 8252, ZOMBIE = 8254;
}
