package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PKEXEC_UID is believed only as far as /proc bears it out; argv is never believed under pkexec. */
class CallerTest {
    @TempDir
    Path proc;

    /** A /proc where the backend's parent is pid 77 running with real uid {@code parentUid}. */
    private Path procWithParent(int parentUid) throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/stat"), "123 (java) S 77 123 77 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 100 1000 10\n");
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/status"), "Name:\tjava\nUid:\t" + parentUid + "\t" + parentUid + "\t" + parentUid + "\t" + parentUid + "\n");
        return proc;
    }

    @Test
    void underPkexecTheCallerIsPkexecUidWhenTheParentRunsAsIt() throws IOException {
        Caller c = Caller.identify("1001", List.of(), 0, 0, procWithParent(1001));
        assertEquals(new Caller(1001, Caller.PKEXEC, 77), c);
    }

    @Test
    void aRootParentMayStartItForAnyUid() throws IOException {
        // e.g. runuser -u USER -- pkexec ...: runuser (root) waits as pkexec's parent
        assertEquals(1001, Caller.identify("1001", List.of(), 0, 0, procWithParent(0)).uid());
    }

    @Test
    void aParentOfAnotherUserIsRefused() throws IOException {
        Caller.Refused r = assertThrows(Caller.Refused.class, () -> Caller.identify("1001", List.of(), 0, 0, procWithParent(1002)));
        assertTrue(r.getMessage().contains("PKEXEC_UID says uid 1001, but the process that started the backend (pid 77) runs as uid 1002"), r.getMessage());
    }

    @Test
    void argumentsUnderPkexecAreRefused() throws IOException {
        Path p = procWithParent(1001);
        Caller.Refused r = assertThrows(Caller.Refused.class, () -> Caller.identify("1001", List.of("--journal", "/etc/shadow"), 0, 0, p));
        assertTrue(r.getMessage().contains("takes none from its caller"), r.getMessage());
    }

    @Test
    void aMalformedPkexecUidIsRefused() throws IOException {
        Path p = procWithParent(1001);
        for (String bad : new String[] {"", "-1", "1001 ", "0x3e9", "99999999999", "1e3"}) {
            assertThrows(Caller.Refused.class, () -> Caller.identify(bad, List.of(), 0, 0, p), bad);
        }
    }

    @Test
    void withoutPkexecOnlyRootMayRunIt() throws IOException {
        Path p = procWithParent(1001);
        assertEquals(new Caller(0, Caller.ROOT, 77), Caller.identify(null, List.of("--journal", "/tmp/j"), 0, 0, p));
        Caller.Refused r = assertThrows(Caller.Refused.class, () -> Caller.identify(null, List.of(), 1001, 1001, p));
        assertTrue(r.getMessage().startsWith("the Corral backend must run as root"), r.getMessage());
        assertThrows(Caller.Refused.class, () -> Caller.identify("1001", List.of(), 1001, 0, p), "pkexec always makes it fully root");
    }

    @Test
    void aVanishedParentIsRefused() throws IOException {
        Path p = procWithParent(1001);
        Files.delete(p.resolve("77/status"));
        assertThrows(Caller.Refused.class, () -> Caller.identify("1001", List.of(), 0, 0, p));
    }
}
