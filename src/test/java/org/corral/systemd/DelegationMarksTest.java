package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corral.cgroup.CgroupRef;
import org.corral.sys.Sys;
import org.corral.testkit.Require;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delegation marks read from real extended attributes (set here on a fixture directory, as
 * systemd sets them on a cgroup), in systemd's order: trusted.delegate, then user.delegate.
 */
class DelegationMarksTest {
    @TempDir
    Path dir;

    private CgroupRef unitCgroup(SystemdFixture f, String path) throws Exception {
        CgroupRef ref = f.v2(path);
        Files.createDirectories(ref.dir());
        return ref;
    }

    @Test
    void userDelegateMarksADelegatedUnit() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        DelegationMarks marks = new DelegationMarks(f.hierarchies);
        CgroupRef scope = unitCgroup(f, "/system.slice/corral-a-1.scope");
        CgroupRef plain = unitCgroup(f, "/system.slice/cron.service");
        Sys.setxattr(scope.dir(), "user.delegate", "1".getBytes(StandardCharsets.UTF_8));
        assertTrue(marks.isDelegated(scope, "corral-a-1.scope"));
        assertFalse(marks.isDelegated(plain, "cron.service"));
        // and the classifier uses it: below the scope is delegated, below cron.service is not
        OwnershipClassifier c = new OwnershipClassifier(f.host, marks);
        assertEquals(CgroupOwner.DELEGATED, c.classify(f.v2("/system.slice/corral-a-1.scope/payload")).owner());
        assertEquals(CgroupOwner.SYSTEMD, c.classify(f.v2("/system.slice/cron.service/x")).owner());
    }

    @Test
    void trustedDelegateIsReadFirst() throws Exception {
        Require.root(); // only CAP_SYS_ADMIN may set (and read) trusted.* attributes
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        DelegationMarks marks = new DelegationMarks(f.hierarchies);
        CgroupRef scope = unitCgroup(f, "/system.slice/x.scope");
        Sys.setxattr(scope.dir(), "trusted.delegate", "0".getBytes(StandardCharsets.UTF_8));
        Sys.setxattr(scope.dir(), "user.delegate", "1".getBytes(StandardCharsets.UTF_8));
        assertFalse(marks.isDelegated(scope, "x.scope"), "trusted.delegate=0 wins over user.delegate=1");
        Sys.setxattr(scope.dir(), "trusted.delegate", "1".getBytes(StandardCharsets.UTF_8));
        assertTrue(marks.isDelegated(scope, "x.scope"));
    }

    @Test
    void onAHybridHostTheMarkIsReadInTheMainHierarchy() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.HYBRID, true);
        DelegationMarks marks = new DelegationMarks(f.hierarchies);
        CgroupRef inMemory = f.v1("memory", "/system.slice/y.scope");
        Files.createDirectories(inMemory.dir());
        CgroupRef inUnified = unitCgroup(f, "/system.slice/y.scope");
        Sys.setxattr(inUnified.dir(), "user.delegate", "1".getBytes(StandardCharsets.UTF_8));
        assertTrue(marks.isDelegated(inMemory, "y.scope"), "the v1 memory cgroup has no mark of its own");
    }

    @Test
    void aMissingCgroupIsNotDelegated() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        assertFalse(new DelegationMarks(f.hierarchies).isDelegated(f.v2("/system.slice/gone.scope"), "gone.scope"));
    }
}
