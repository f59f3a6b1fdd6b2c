package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
