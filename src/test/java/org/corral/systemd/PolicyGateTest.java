package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;
import org.corral.systemd.Decision.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate both the root CLI and the backend go through, on fixture hosts: refusals carry the
 * policy's explanation and open no systemd, the limits of one cgroup are decided together, and
 * a user's own systemd is asked only for that user or root. The calls themselves are tested
 * against a real systemd in org.corral.uml.SystemdBackendTest.
 */
class PolicyGateTest {
    private static final String USER_MANAGER = "/user.slice/user-1000.slice/user@1000.service";
    private static final String USER_APP = USER_MANAGER + "/app.slice/app-editor-5.scope";
    private static final String DELEGATED_SCOPE = "/system.slice/corral-app-1.scope";
    private static final String CRON = "/system.slice/cron.service";

    @TempDir
    Path dir;

    /** Opening a systemd here is a failure of the test: refusals and raw writes need none. */
    private final List<Ownership> opened = new ArrayList<>();
    private final PolicyGate.Managers noSystemd = o -> {
        opened.add(o);
        throw new AssertionError("the gate opened " + o.manager() + " for " + o.unit());
    };

    private SystemdFixture fixture(boolean systemdRuns) throws Exception {
        return new SystemdFixture(dir, SystemdFixture.UNIFIED, systemdRuns);
    }

    private PolicyGate gate(SystemdFixture f, int actingFor) {
        return new PolicyGate(f.policy(Set.of(USER_MANAGER, DELEGATED_SCOPE, USER_APP)), noSystemd, actingFor);
    }

    private static Map<LimitKey, String> limits(String... keyValues) {
        Map<LimitKey, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            LimitKey k = LimitKey.parse(keyValues[i]);
            m.put(k, k.normalize(keyValues[i + 1]));
        }
        return m;
    }

    @Test
    void aRawCreateUnderSystemSliceIsRefusedWithThePolicysExplanation() throws Exception {
        SystemdFixture f = fixture(true);
        PolicyGate g = gate(f, 0);
        CgroupRef rogue = f.v2("/system.slice/rogue");
        PolicyRefusal e = assertThrows(PolicyRefusal.class, () -> g.admit(rogue, CgroupOperation.CREATE));
        assertEquals("Corral did not create /system.slice/rogue: "
                + g.policy().decide(rogue, CgroupOperation.CREATE).explanation(), e.getMessage());
        assertTrue(e.getMessage().contains("/system.slice is system.slice, owned by systemd")
                && e.getMessage().contains("Start a scope with Delegate=yes"), e.getMessage());
        assertEquals(List.of(), opened);
    }

    @Test
    void everyForbiddenCombinationIsRefusedBeforeAnySystemdIsOpened() throws Exception {
        SystemdFixture f = fixture(true);
        PolicyGate g = gate(f, 0);
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("remove " + CRON, message(() -> g.admit(f.v2(CRON), CgroupOperation.REMOVE)));
        refusals.put("move into " + CRON, message(() -> g.admit(f.v2(CRON), CgroupOperation.MOVE)));
        refusals.put("move into a slice", message(() -> g.admit(f.v2("/system.slice"), CgroupOperation.MOVE)));
        refusals.put("enable on a slice", message(() -> g.admit(f.v2("/system.slice"), CgroupOperation.ENABLE_CONTROLLERS)));
        refusals.put("freeze inside cron", message(() -> g.admit(f.v2(CRON + "/sub"), CgroupOperation.FREEZE)));
        refusals.put("io.max", message(() -> g.admitSet(f.v2(CRON), limits("io.max", "8:0 wbps=1M"))));
        refusals.put("memory.max then io.max", message(() -> g.admitSet(f.v2(CRON), limits("memory.max", "1G", "io.max", "8:0 wbps=1M"))));
        refusals.put("threads through systemd", message(() -> g.attach(g.admit(f.v2(DELEGATED_SCOPE), CgroupOperation.MOVE),
                f.v2(DELEGATED_SCOPE), List.of(42), true)));

        assertTrue(refusals.get("remove " + CRON).startsWith("Corral did not remove " + CRON + ": ")
                && refusals.get("remove " + CRON).contains("systemctl stop cron.service"), refusals.get("remove " + CRON));
        assertTrue(refusals.get("move into " + CRON).contains("without Delegate=yes"), refusals.get("move into " + CRON));
        assertTrue(refusals.get("move into a slice").contains("a slice holds no processes"));
        assertTrue(refusals.get("enable on a slice").startsWith("Corral did not change the controllers of /system.slice: "));
        assertTrue(refusals.get("freeze inside cron").contains("did not delegate"), refusals.get("freeze inside cron"));
        assertTrue(refusals.get("io.max").startsWith("Corral did not set io.max on " + CRON + ": ")
                && refusals.get("io.max").contains("no single property for io.max"), refusals.get("io.max"));
        assertEquals(refusals.get("io.max"), refusals.get("memory.max then io.max"), "one refused pair refuses the set");
        assertTrue(refusals.get("threads through systemd").contains("systemd moves whole processes only"));
        assertEquals(List.of(), opened);
    }

    private static String message(Runnable r) {
        return assertThrows(PolicyRefusal.class, r::run).getMessage();
    }

    private interface Runnable {
        void run();
    }

    @Test
    void limitsOfOneUnitAreAskedTogetherAndRawWritesSayWhyInSystemdsTree() throws Exception {
        SystemdFixture f = fixture(true);
        PolicyGate g = gate(f, 0);
        Decision set = g.admitSet(f.v2(CRON), limits("memory.max", "64M", "pids.max", "50"));
        assertEquals(Action.ASK_SYSTEMD, set.action());
        assertEquals("cron.service", set.unit());
        assertEquals(List.of(UnitSetting.uint64("MemoryMax", BigInteger.valueOf(64L << 20), "64M"),
                UnitSetting.uint64("TasksMax", 50)), set.settings());

        Decision below = g.admitSet(f.v2(DELEGATED_SCOPE + "/payload"), limits("memory.max", "64M"));
        assertEquals(Action.RAW_WRITE, below.action());
        assertEquals(Optional.of("inside corral-app-1.scope, which systemd delegated (Delegate=yes): Corral writes it directly"),
                PolicyGate.rawNote(below));
        assertEquals(Action.RAW_WRITE, g.admit(f.v2(DELEGATED_SCOPE + "/payload"), CgroupOperation.CREATE).action());
        assertEquals(Optional.empty(), PolicyGate.rawNote(g.admit(f.v2("/corral-free/x"), CgroupOperation.CREATE)));
        assertEquals(List.of(), opened);
    }

    @Test
    void withoutSystemdEveryOpIsARawWriteWithNothingToSay() throws Exception {
        SystemdFixture f = fixture(false);
        PolicyGate g = gate(f, 1000);
        for (CgroupOperation op : CgroupOperation.values()) {
            if (op == CgroupOperation.SET_LIMIT) continue;
            Decision d = g.admit(f.v2(CRON), op);
            assertEquals(Action.RAW_WRITE, d.action(), op.name());
            assertEquals(Optional.empty(), PolicyGate.rawNote(d), op.name());
        }
        assertEquals(Action.RAW_WRITE, g.admitSet(f.v2(CRON), limits("io.max", "8:0 wbps=1M")).action());
        assertEquals(List.of(), opened);
    }

    /** The backend, as root, could reach any user's manager; it asks one only for its own user (or root). */
    @Test
    void aUsersOwnSystemdIsAskedOnlyForThatUserOrRoot() throws Exception {
        SystemdFixture f = fixture(true);
        CgroupRef app = f.v2(USER_APP);

        PolicyRefusal other = assertThrows(PolicyRefusal.class, () -> gate(f, 1001).admit(app, CgroupOperation.FREEZE));
        assertEquals("Corral did not freeze " + USER_APP + ": " + USER_APP + " is app-editor-5.scope, owned by the systemd"
                + " of user 1000 (systemd --user); Corral asks a user's own systemd only for that user or for root, and this"
                + " request is for uid 1001", other.getMessage());
        assertThrows(PolicyRefusal.class, () -> gate(f, 1001).admitSet(app, limits("memory.max", "1G")));
        assertThrows(PolicyRefusal.class, () -> gate(f, 1001).admitRestore(app, "app-editor-5.scope", "user@1000"));

        Decision own = gate(f, 1000).admit(app, CgroupOperation.FREEZE);
        assertEquals(Action.ASK_SYSTEMD, own.action());
        assertEquals("user@1000", own.ownership().manager());
        assertEquals(Action.ASK_SYSTEMD, gate(f, 0).admit(app, CgroupOperation.KILL).action());
        // the system manager's units (user@1000.service itself) are the administrator's, whom polkit let in
        assertEquals(Action.ASK_SYSTEMD, gate(f, 1001).admit(f.v2(USER_MANAGER), CgroupOperation.FREEZE).action());
        // raw writes below a delegated unit (Delegate=yes) are not systemd calls: the backend's own rules decide those
        assertEquals(Action.RAW_WRITE, gate(f, 1001).admit(f.v2(USER_APP + "/sub"), CgroupOperation.CREATE).action());
        assertEquals(List.of(), opened);
    }

    @Test
    void anUndoGoesOnlyToTheSameUnitsCgroup() throws Exception {
        SystemdFixture f = fixture(true);
        PolicyGate g = gate(f, 0);
        assertEquals("cron.service", g.admitRestore(f.v2(CRON), "cron.service", "system").unit());
        PolicyRefusal moved = assertThrows(PolicyRefusal.class, () -> g.admitRestore(f.v2(CRON), "ssh.service", "system"));
        assertTrue(moved.getMessage().contains("is not the cgroup of ssh.service"), moved.getMessage());
        assertThrows(PolicyRefusal.class, () -> g.admitRestore(f.v2(CRON), "cron.service", "user@1000"));
        assertThrows(PolicyRefusal.class, () -> g.admitRestore(f.v2(CRON + "/sub"), "cron.service", "system"));
    }

    @Test
    void unitSettingsSurviveTheirTextForm() {
        for (UnitSetting s : List.of(UnitSetting.uint64("MemoryMax", BigInteger.valueOf(67108864), "64M"),
                UnitSetting.uint64("MemoryMax", UnitSetting.INFINITY, "infinity"), UnitSetting.bool("Delegate", true),
                LimitProperties.mask("AllowedCPUs", "0-3,9"), UnitSetting.string("Slice", "a.slice"))) {
            assertEquals(s, UnitSetting.fromText(s.name(), s.signature(), s.text()), s.toString());
        }
        assertEquals("infinity", UnitSetting.uint64("MemoryMax", UnitSetting.INFINITY, "infinity").text());
        assertEquals("0-3,9", LimitProperties.mask("AllowedCPUs", "0,1,2,3,9").text());
        // what dbus-java hands back for an "ay" property read from systemd
        assertEquals("0-1", SystemdManager.fromDBus("AllowedCPUs", "ay", List.of((byte) 3)).text());
        assertEquals("67108864", SystemdManager.fromDBus("MemoryMax", "t",
                new org.freedesktop.dbus.types.UInt64(67108864L)).text());
        assertThrows(IllegalArgumentException.class, () -> UnitSetting.fromText("MemoryMax", "t", "-1"));

        assertThrows(IllegalArgumentException.class, () -> UnitSetting.fromText("MemoryMax", "t", "18446744073709551616"));
    }
}
