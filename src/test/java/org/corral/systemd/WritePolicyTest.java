package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.LimitKey;
import org.corral.systemd.Decision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write policy's decisions, one per kind of cgroup, on fixture hosts with and without systemd. */
class WritePolicyTest {
    private static final String SESSION = "/user.slice/user-1000.slice/session-2.scope";
    private static final String USER_MANAGER = "/user.slice/user-1000.slice/user@1000.service";
    private static final String FIREFOX = USER_MANAGER + "/app.slice/app-firefox-77.scope";
    private static final String DELEGATED_SCOPE = "/system.slice/corral-app-1.scope";

    @TempDir
    Path dir;

    private WritePolicy unified() throws Exception {
        return new SystemdFixture(dir, SystemdFixture.UNIFIED, true).policy(Set.of(USER_MANAGER, DELEGATED_SCOPE));
    }

    private static Decision set(WritePolicy p, SystemdFixture f, String path, LimitKey key, String value) {
        return p.decideSet(f.v2(path), key, key.normalize(value));
    }

    @Test
    void withoutSystemdEverythingIsARawWrite() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, false);
        WritePolicy p = f.policy(Set.of());
        assertFalse(p.systemdRuns());
        Decision d = set(p, f, "/system.slice/cron.service", LimitKey.MEMORY_MAX, "1G");
        assertEquals(Action.RAW_WRITE, d.action());
        assertEquals("systemd does not run here: Corral writes cgroupfs directly", d.explanation());
        for (CgroupOperation op : List.of(CgroupOperation.CREATE, CgroupOperation.REMOVE, CgroupOperation.MOVE,
                CgroupOperation.ENABLE_CONTROLLERS, CgroupOperation.FREEZE, CgroupOperation.THAW, CgroupOperation.KILL)) {
            assertEquals(Action.RAW_WRITE, p.decide(f.v2("/system.slice/x"), op).action(), op.name());
        }
        assertEquals(CgroupOwner.FREE, p.classifier().classify(f.v2("/system.slice")).owner());
    }

    @Test
    void aLimitOnASessionScopeIsAskedOfSystemd() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = f.policy(Set.of());
        Decision d = set(p, f, SESSION, LimitKey.MEMORY_MAX, "2G");
        assertEquals(Action.ASK_SYSTEMD, d.action());
        assertEquals("session-2.scope", d.unit());
        assertEquals(SESSION + " is session-2.scope, owned by systemd; Corral will ask systemd to set MemoryMax"
                + " (SetUnitProperties, until reboot), not write memory.max itself", d.explanation());
        assertEquals(List.of(UnitSetting.uint64("MemoryMax", BigInteger.valueOf(2L << 30), "2G")), d.settings());
    }

    @Test
    void slicesAndTheRootAreSystemdsToo() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Decision slice = set(p, f, "/user.slice", LimitKey.CPU_WEIGHT, "200");
        assertEquals(Action.ASK_SYSTEMD, slice.action());
        assertEquals("user.slice", slice.unit());
        assertEquals("-.slice", p.classifier().classify(f.v2("/")).unit());
        Decision move = p.decide(f.v2("/user.slice"), CgroupOperation.MOVE);
        assertEquals(Action.REFUSE, move.action());
        assertTrue(move.explanation().contains("a slice holds no processes"), move.explanation());
    }

    @Test
    void creatingACgroupInSystemdsTreeIsRefusedWithWhatToDoInstead() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Decision top = p.decide(f.v2("/mygroup"), CgroupOperation.CREATE);
        assertEquals(Action.REFUSE, top.action());
        assertTrue(top.explanation().startsWith("/ is the root cgroup (-.slice), owned by systemd; "), top.explanation());
        Decision inSlice = p.decide(f.v2("/system.slice/mine"), CgroupOperation.CREATE);
        assertEquals(Action.REFUSE, inSlice.action());
        assertTrue(inSlice.explanation().contains("Delegate=yes"), inSlice.explanation());
        Decision inService = p.decide(f.v2("/system.slice/cron.service/mine"), CgroupOperation.CREATE);
        assertEquals(Action.REFUSE, inService.action());
    }

    @Test
    void belowADelegatedScopeCorralWritesDirectly() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Decision create = p.decide(f.v2(DELEGATED_SCOPE + "/payload"), CgroupOperation.CREATE);
        assertEquals(Action.RAW_WRITE, create.action());
        assertTrue(create.explanation().contains("delegated"), create.explanation());
        Decision set = set(p, f, DELEGATED_SCOPE + "/payload/a", LimitKey.MEMORY_MAX, "512M");
        assertEquals(Action.RAW_WRITE, set.action());
        assertEquals(CgroupOwner.DELEGATED, set.ownership().owner());
        assertEquals("corral-app-1.scope", set.unit());
        // the delegated unit's own cgroup: limits still through systemd, controllers and moves as delegated
        assertEquals(Action.ASK_SYSTEMD, set(p, f, DELEGATED_SCOPE, LimitKey.MEMORY_MAX, "512M").action());
        assertEquals(Action.RAW_WRITE, p.decide(f.v2(DELEGATED_SCOPE), CgroupOperation.ENABLE_CONTROLLERS).action());
        assertEquals(Action.ASK_SYSTEMD, p.decide(f.v2(DELEGATED_SCOPE), CgroupOperation.MOVE).action());
    }

    @Test
    void movingIntoAnUndelegatedServiceIsRefusedBecauseSystemdWouldRefuseIt() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        Decision d = unified().decide(f.v2("/system.slice/cron.service"), CgroupOperation.MOVE);
        assertEquals(Action.REFUSE, d.action());
        assertTrue(d.explanation().contains("without Delegate=yes"), d.explanation());
    }

    @Test
    void aUsersAppsBelongToTheirOwnSystemd() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Decision d = set(p, f, FIREFOX, LimitKey.MEMORY_HIGH, "1G");
        assertEquals(Action.ASK_SYSTEMD, d.action());
        assertEquals("app-firefox-77.scope", d.unit());
        assertEquals(1000, d.ownership().userManager());
        assertEquals("user@1000", d.ownership().manager());
        assertTrue(d.explanation().contains("owned by the systemd of user 1000 (systemd --user); Corral will ask"
                + " the systemd of user 1000 (systemd --user) to set MemoryHigh"), d.explanation());
        Ownership managerItself = p.classifier().classify(f.v2(USER_MANAGER));
        assertEquals("user@1000.service", managerItself.unit());
        assertEquals("system", managerItself.manager());
        assertTrue(managerItself.delegates());
        // without the delegation mark the user manager's subtree stays the system manager's unit
        Ownership undelegated = f.policy(Set.of()).classifier().classify(f.v2(FIREFOX));
        assertEquals("user@1000.service", undelegated.unit());
        assertEquals(CgroupOwner.SYSTEMD, undelegated.owner());
    }

    @Test
    void whatSystemdCannotSetIsRefusedWithTheSystemctlAlternative() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        Decision d = set(unified(), f, SESSION, LimitKey.IO_MAX, "8:0 wbps=10M");
        assertEquals(Action.REFUSE, d.action());
        assertTrue(d.explanation().contains("systemctl set-property --runtime session-2.scope"), d.explanation());
    }

    @Test
    void insideAnUndelegatedUnitNothingIsWritten() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Decision d = set(p, f, "/system.slice/cron.service/sub", LimitKey.PIDS_MAX, "10");
        assertEquals(Action.REFUSE, d.action());
        assertTrue(d.explanation().contains("did not delegate"), d.explanation());
        assertEquals(Action.REFUSE, p.decide(f.v2("/system.slice/cron.service"), CgroupOperation.REMOVE).action());
        assertEquals(Action.REFUSE, p.decide(f.v2("/system.slice"), CgroupOperation.ENABLE_CONTROLLERS).action());
        assertEquals(Action.ASK_SYSTEMD, p.decide(f.v2("/system.slice/cron.service"), CgroupOperation.FREEZE).action());
        assertEquals(Action.ASK_SYSTEMD, p.decide(f.v2("/system.slice/cron.service"), CgroupOperation.KILL).action());
    }

    @Test
    void aCgroupSomeoneElseMadeOutsideTheUnitsIsFree() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.UNIFIED, true);
        WritePolicy p = unified();
        Ownership o = p.classifier().classify(f.v2("/docker/abc"));
        assertEquals(CgroupOwner.FREE, o.owner());
        assertNull(o.unit());
        assertEquals(Action.RAW_WRITE, set(p, f, "/docker/abc", LimitKey.MEMORY_MAX, "1G").action());
    }

    @Test
    void onAHybridHostSystemdLeavesCpusetAlone() throws Exception {
        SystemdFixture f = new SystemdFixture(dir, SystemdFixture.HYBRID, true);
        WritePolicy p = f.policy(Set.of());
        Decision cpuset = p.decideSet(f.v1("cpuset", "/system.slice/cron.service"), LimitKey.CPUSET_CPUS, "0");
        assertEquals(Action.RAW_WRITE, cpuset.action());
        assertEquals("systemd does not manage the cpuset hierarchy: Corral writes it directly", cpuset.explanation());
        Decision memory = p.decideSet(f.v1("memory", "/system.slice/cron.service"), LimitKey.MEMORY_MAX, "67108864");
        assertEquals(Action.ASK_SYSTEMD, memory.action());
        assertEquals(Action.ASK_SYSTEMD, p.decideSet(f.v2("/system.slice/cron.service"), LimitKey.PIDS_MAX, "5").action());
    }
}
