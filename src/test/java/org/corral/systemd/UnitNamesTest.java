package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitNamesTest {
    @Test
    void cgroupUnitsAreRecognisedByName() {
        for (String u : new String[] {"system.slice", "cron.service", "session-2.scope", "user@1000.service",
                "user-1000.slice", "dev-mqueue.mount", "getty@tty1.service", "systemd-journald.socket",
                "dev-disk-by\\x2duuid-1.swap"}) {
            assertTrue(UnitNames.isCgroupUnit(u), u);
        }
        for (String u : new String[] {"process_api", "payload", "foo.target", "foo.timer", "a b.service",
                ".service", "cgroup.procs", "x@y@z.service"}) {
            assertFalse(UnitNames.isCgroupUnit(u), u);
        }
    }

    @Test
    void userManagerUid() {
        assertEquals(Optional.of(1000), UnitNames.userManagerUid("user@1000.service"));
        assertEquals(Optional.empty(), UnitNames.userManagerUid("user-1000.slice"));
        assertEquals(Optional.empty(), UnitNames.userManagerUid("user@x.service"));
    }

    /** The same results as systemd-escape(1) gives for these strings. */
    @Test
    void escapeLikeSystemdEscape() {
        assertEquals("firefox", UnitNames.escape("firefox"));
        assertEquals("my\\x20app", UnitNames.escape("my app"));
        assertEquals("a-b", UnitNames.escape("a/b"));
        assertEquals("\\x2dx", UnitNames.escape("-x"));
        assertEquals("\\x2ehidden", UnitNames.escape(".hidden"));
        assertEquals("caf\\xc3\\xa9", UnitNames.escape("café"));
    }

    @Test
    void scopeNamesAreValidAndBounded() {
        assertEquals("corral-firefox-4242.scope", UnitNames.scopeFor("firefox", 4242));
        String longName = UnitNames.scopeFor("é".repeat(200), 1);
        assertTrue(longName.length() <= 255, longName);
        assertTrue(UnitNames.isCgroupUnit(longName), longName);
        assertTrue(UnitNames.isCgroupUnit(UnitNames.scopeFor("my app/with: odd;chars", 7)));
    }

    /** systemd.slice(5): a dash in a slice's name nests it. */
    @Test
    void aSlicesNameSaysWhereItsCgroupIs() {
        assertEquals("/", UnitNames.sliceCgroupPath("-.slice"));
        assertEquals("/system.slice", UnitNames.sliceCgroupPath("system.slice"));
        assertEquals("/user.slice/user-1000.slice", UnitNames.sliceCgroupPath("user-1000.slice"));
        assertEquals("/a.slice/a-b.slice/a-b-c.slice", UnitNames.sliceCgroupPath("a-b-c.slice"));
        assertThrows(IllegalArgumentException.class, () -> UnitNames.sliceCgroupPath("foo.scope"));
    }

    @Test
    void aLaunchScopeIsDelegatedToItsUserAndCollectedEvenWhenItFailed() {
        ScopeSpec s = new ScopeSpec("corral-web-7.scope", "Corral: web", "user-1000.slice", java.util.List.of(7),
                java.util.List.of(UnitSetting.uint64("TasksMax", 20)), true, "alice");
        assertEquals(java.util.List.of("Description=Corral: web", "Slice=user-1000.slice", "Delegate=yes", "User=alice",
                "CollectMode=inactive-or-failed", "TasksMax=20"), s.properties().stream().map(UnitSetting::toString).toList());
        ScopeSpec root = new ScopeSpec("corral-web-7.scope", null, null, java.util.List.of(7), java.util.List.of(), true);
        assertTrue(root.properties().stream().noneMatch(p -> p.name().equals("User")), "root keeps its scope: no User=");
        assertThrows(IllegalArgumentException.class, () -> new ScopeSpec("corral-web-7.scope", null, null, java.util.List.of(7),
                java.util.List.of(), true, "a b"));
    }
}
