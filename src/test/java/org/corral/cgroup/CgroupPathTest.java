package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CgroupPathTest {
    @Test
    void normalForms() {
        assertTrue(CgroupPath.parse("/").isRoot());
        assertEquals(List.of("a", "b"), CgroupPath.parse("/a/b").segments());
        assertEquals(List.of("a", "b"), CgroupPath.parse("a/b/").segments());
        assertEquals("/a/b", CgroupPath.parse("a/b").toString());
        assertEquals("/a", CgroupPath.parse("/a/b").parent().toString());
        assertEquals("/a/b/c", CgroupPath.parse("/a/b").child("c").toString());
        assertEquals("/x", CgroupPath.ROOT.child("x").toString());
        assertEquals("session-2.scope", CgroupPath.parse("/user.slice/session-2.scope").name());
        assertTrue(CgroupPath.parse("/a/b").isWithin(CgroupPath.parse("/a")));
        // a colon inside a name is legal in cgroupfs (and appears in /proc/PID/cgroup)
        assertEquals("x:y", CgroupPath.parse("/a/x:y").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "/..", "../../etc", "/a/../../b", "/a/./b", "a//b", "/a\0b", "/a\nb", "/a/.."})
    void hostilePathsRefused(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> CgroupPath.parse(text));
        assertTrue(e.getMessage().contains("not a valid cgroup path"), e.getMessage());
    }

    @Test
    void childMustBeOneName() {
        assertThrows(InvalidValueException.class, () -> CgroupPath.ROOT.child("a/b"));
        assertThrows(InvalidValueException.class, () -> CgroupPath.ROOT.child(".."));
        assertThrows(InvalidValueException.class, () -> CgroupPath.parse("/" + "x".repeat(256)));
    }
}
