package org.corral.proc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProcCgroupMatcherTest {
    private static final List<ProcCgroupEntry> HYBRID = ProcCgroupFile.parse(String.join("\n",
            "9:name=systemd:/x", "4:memory:/process_api/abc", "2:cpu,cpuacct:/", "0::/corral-fixture:a", ""));

    @Test
    void plainPathIsTheV2Entry() {
        ProcCgroupMatcher m = ProcCgroupMatcher.parse("/corral-fixture:a");
        assertEquals(Optional.empty(), m.controller());
        assertEquals("/corral-fixture:a", m.path());
        assertTrue(m.matchesAny(HYBRID));
        assertFalse(ProcCgroupMatcher.parse("/process_api/abc").matchesAny(HYBRID), "a v1 path is not the v2 entry");
        assertFalse(ProcCgroupMatcher.parse("/x").matchesAny(HYBRID), "the named v1 hierarchy is not v2 either");
    }

    @Test
    void controllerPrefixIsTheV1EntryWithThatController() {
        assertTrue(ProcCgroupMatcher.parse("memory:/process_api/abc").matchesAny(HYBRID));
        assertTrue(ProcCgroupMatcher.parse("name=systemd:/x").matchesAny(HYBRID));
        assertTrue(ProcCgroupMatcher.parse("cpuacct:/").matchesAny(HYBRID), "one of several controllers");
        assertTrue(ProcCgroupMatcher.parse("cpu:/").matchesAny(HYBRID));
        assertFalse(ProcCgroupMatcher.parse("memory:/process_api").matchesAny(HYBRID), "exact, not a prefix");
        assertFalse(ProcCgroupMatcher.parse("pids:/").matchesAny(HYBRID), "no such hierarchy in the file");
        assertFalse(ProcCgroupMatcher.parse("memory:/corral-fixture:a").matchesAny(HYBRID));
    }

    @Test
    void entryMatchesItsOwnNotation() {
        for (ProcCgroupEntry e : HYBRID) assertTrue(e.matches(e.notation()), e.toString());
    }

    @Test
    void leadingSlashOptionalTrailingSlashDroppedLikeTheRestOfTheCli() {
        assertEquals("/a/b", ProcCgroupMatcher.parse("a/b").path());
        assertEquals("/a/b", ProcCgroupMatcher.parse("/a/b/").path());
        assertEquals("/", ProcCgroupMatcher.parse("/").path());
        ProcCgroupMatcher m = ProcCgroupMatcher.parse("memory:a");
        assertEquals(Optional.of("memory"), m.controller());
        assertEquals("/a", m.path());
        assertEquals("memory:/a", m.toString());
        assertEquals("/", ProcCgroupMatcher.parse("memory:").path());
    }

    @Test
    void colonAfterTheFirstSlashBelongsToThePath() {
        ProcCgroupMatcher m = ProcCgroupMatcher.parse("/a:b/c:d");
        assertEquals(Optional.empty(), m.controller());
        assertEquals("/a:b/c:d", m.path());
        ProcCgroupMatcher v1 = ProcCgroupMatcher.parse("memory:/a:b");
        assertEquals(Optional.of("memory"), v1.controller());
        assertEquals("/a:b", v1.path());
    }

    @Test
    void refusedWithAMessageNamingTheProblem() {
        assertMessage("../x", "'..' is not allowed");
        assertMessage("/a/../b", "'..' is not allowed");
        assertMessage("memory:/a/./b", "'.' is not allowed");
        assertMessage("/a//b", "empty part");
        assertMessage("", "empty");
        assertMessage(":/a", "no controller");
        assertMessage("mem ory:/a", "not a controller name");
        assertMessage("/a\nb", "control character");
        assertMessage("/a\0b", "control character");
    }

    private static void assertMessage(String notation, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcCgroupMatcher.parse(notation));
        assertTrue(e.getMessage().startsWith("invalid cgroup '"), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
