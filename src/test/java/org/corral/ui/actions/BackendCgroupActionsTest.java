package org.corral.ui.actions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;
import org.corral.client.ChildBackend;
import org.corral.testkit.Fixtures;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;

/** Without a backend to start, the first write turns the app read-only with the reason and the fix. */
class BackendCgroupActionsTest {

    @Test
    void aMissingBackendMakesTheAppReadOnlyWithTheReason() {
        var hierarchies = org.corral.cgroup.Hierarchies.detect(Fixtures.root("host-hybrid"));
        BackendCgroupActions a = new BackendCgroupActions(
                () -> ChildBackend.pkexec(Path.of("/nonexistent/corral-backend"), "test"), hierarchies, "install it, then restart");
        assertTrue(a.access().writable(), "nothing is known before the first write: the app does not start pkexec just to look");
        CgroupRef ref = new CgroupRef(UiFixtures.v1Memory(), CgroupPath.parse("/box"));
        CgroupException e = assertThrows(CgroupException.class, () -> a.set(ref, LimitKey.MEMORY_MAX, "64M"));
        assertTrue(e.getMessage().contains("not installed"), e.getMessage());
        assertFalse(a.access().writable());
        assertTrue(a.access().reason().contains("install it, then restart"), a.access().reason());
        CgroupException again = assertThrows(CgroupException.class, () -> a.freeze(ref));
        assertTrue(again.getMessage().startsWith("read-only:"), "later writes are refused at once, without another pkexec");
        a.close();
    }
}
