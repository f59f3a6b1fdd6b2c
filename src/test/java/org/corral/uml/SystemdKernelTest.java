package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.LimitKey;
import org.corral.cli.CorralCli;
import org.corral.protocol.CorralJson;
import org.corral.sys.Sys;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.CgroupOwner;
import org.corral.systemd.Decision;
import org.corral.systemd.DelegationMarks;
import org.corral.systemd.LimitProperties;
import org.corral.systemd.Ownership;
import org.corral.systemd.OwnershipClassifier;
import org.corral.systemd.ScopeSpec;
import org.corral.systemd.SystemdException;
import org.corral.systemd.SystemdHost;
import org.corral.systemd.SystemdManager;
import org.corral.systemd.UnitNames;
import org.corral.systemd.UnitSetting;
import org.corral.systemd.WritePolicy;
import org.corral.testkit.Spawned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Corral on a real systemd: the user-mode-linux kernel booted with this machine's own
 * /lib/systemd/systemd as PID 1 (UmlKernel.Pid1.SYSTEMD; started by SystemdKernelIT). This JVM
 * runs as root in corral-test.service; corral-victim.service (a sleep, from a unit file) is
 * there to be changed. Each test stops the units it started.
 */
@Tag("uml-systemd")
class SystemdKernelTest {
    private static final Path CG = UmlGuest.CGROUP_ROOT;
    private static final String VICTIM = "corral-victim.service";
    private static final String VICTIM_CG = "/system.slice/" + VICTIM;

    private static Hierarchies hs;
    private static Hierarchy v2;
    private static SystemdManager systemd;
    private static WritePolicy policy;

    @BeforeAll
    static void connect() {
        UmlGuest.requireInUml();
        hs = Hierarchies.detect();
        v2 = hs.unified().orElseThrow();
        systemd = SystemdManager.system();
        policy = new WritePolicy(new OwnershipClassifier(SystemdHost.detect(), new DelegationMarks(hs)));
    }

    @AfterAll
    static void disconnect() {
        if (systemd != null) systemd.close();
    }

    private static CgroupRef ref(String path) {
        return new CgroupRef(v2, CgroupPath.parse(path));
    }

    private static String read(String cgroup, String file) throws IOException {
        return Files.readString(CG.resolve(cgroup.substring(1)).resolve(file)).strip();
    }

    private static String cgroupOf(int pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/cgroup")).strip();
    }

    record Cli(int exit, String out, String err) {}

    private static Cli corral(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CorralCli.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Cli(exit, out.toString().strip(), err.toString().strip());
    }

    /** A scope made the way Corral launches an app: the process waits until it is in the scope. */
    private static ScopeSpec scope(Spawned p, boolean delegate, List<UnitSetting> limits) {
        return new ScopeSpec(UnitNames.scopeFor("uml test", p.pid()), "Corral in-kernel test", null,
                List.of(p.pid()), limits, delegate);
    }

    private static List<UnitSetting> limit(LimitKey key, String value) {
        return LimitProperties.of(key, key.normalize(value)).orElseThrow();
    }

    @Test
    void systemdIsDetectedAndOwnsTheTree() throws Exception {
        assertTrue(SystemdHost.detect().running(), "/run/systemd/system should exist under systemd");
        assertEquals("0::/system.slice/corral-test.service", cgroupOf((int) ProcessHandle.current().pid()));

        Ownership self = policy.classifier().classify(ref("/system.slice/corral-test.service"));
        assertEquals(CgroupOwner.SYSTEMD, self.owner());
        assertEquals("corral-test.service", self.unit());
        assertTrue(self.isUnitCgroup());
        assertFalse(self.delegates());
        assertEquals("-.slice", policy.classifier().classify(ref("/")).unit());
        assertEquals("init.scope", policy.classifier().classify(ref("/init.scope")).unit());
        // systemd agrees with the path-based reading
        assertEquals(Optional.of("corral-test.service"), systemd.unitByControlGroup("/system.slice/corral-test.service"));
        assertEquals(Optional.of("init.scope"), systemd.unitByControlGroup("/init.scope"));

        Cli tree = corral("tree", "--json");
        assertEquals(0, tree.exit(), tree.err());
        JsonNode root = CorralJson.mapper().readTree(tree.out()).get("hierarchies").get(0).get("root");
        assertEquals("systemd", root.get("owner").asText());
        assertEquals("-.slice", root.get("unit").asText());
        JsonNode slice = child(root, "system.slice");
        assertEquals("systemd", slice.get("owner").asText());
        assertEquals("system.slice", slice.get("unit").asText());
        assertEquals("system", slice.get("manager").asText());
        JsonNode unit = child(slice, "corral-test.service");
        assertEquals("corral-test.service", unit.get("unit").asText());
    }

    private static JsonNode child(JsonNode node, String name) {
        for (JsonNode c : node.get("children")) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError("no child " + name + " in " + node.get("path"));
    }

    @Test
    void transientScopeMadeByCorralShowsItsLimitsBeforeThePayloadRuns() throws Exception {
        List<UnitSetting> limits = new ArrayList<>();
        limits.addAll(limit(LimitKey.MEMORY_MAX, "48M"));
        limits.addAll(limit(LimitKey.MEMORY_HIGH, "40M"));
        limits.addAll(limit(LimitKey.CPU_WEIGHT, "50"));
        limits.addAll(limit(LimitKey.CPU_MAX, "50%"));
        limits.addAll(limit(LimitKey.PIDS_MAX, "20"));
        limits.addAll(limit(LimitKey.CPUSET_CPUS, "0"));
        try (Spawned p = Spawned.gated("exec sleep 300")) {
            ScopeSpec spec = scope(p, true, limits);
            long t0 = System.nanoTime();
            String cg = systemd.startTransientScope(spec);
            System.out.printf("StartTransientUnit to active: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            try {
                assertEquals("/system.slice/" + spec.unit(), cg);
                // the payload is in the scope before it runs (it is still waiting for "go")
                assertEquals("0::" + cg, cgroupOf(p.pid()));
                assertEquals("50331648", read(cg, "memory.max"));
                assertEquals("41943040", read(cg, "memory.high"));
                assertEquals("50", read(cg, "cpu.weight"));
                assertEquals("50000 100000", read(cg, "cpu.max"));
                assertEquals("20", read(cg, "pids.max"));
                assertEquals(BigInteger.valueOf(50331648), systemd.unitUInt64(spec.unit(), "MemoryMax"));
                assertEquals(BigInteger.valueOf(500000), systemd.unitUInt64(spec.unit(), "CPUQuotaPerSecUSec"));
                // no cpuset controller in this kernel: systemd keeps AllowedCPUs as a property only
                byte[] cpus = bytes(systemd.unitProperty(spec.unit(), "AllowedCPUs", "org.freedesktop.systemd1.Scope"));
                assertEquals(1, cpus[0], "CPU 0 only");
                for (int i = 1; i < cpus.length; i++) assertEquals(0, cpus[i], "CPU 0 only");
                assertTrue(systemd.delegate(spec.unit()));
                // Delegate=yes is marked on the cgroup; the classifier reads the mark
                assertEquals("1", new String(Sys.getxattr(CG.resolve(cg.substring(1)), "trusted.delegate").orElseThrow(),
                        StandardCharsets.UTF_8));
                Ownership own = policy.classifier().classify(ref(cg));
                assertEquals(CgroupOwner.SYSTEMD, own.owner());
                assertTrue(own.delegates());
                Ownership below = policy.classifier().classify(ref(cg + "/payload"));
                assertEquals(CgroupOwner.DELEGATED, below.owner());
                assertEquals(spec.unit(), below.unit());

                p.go();
                Thread.sleep(200);
                assertEquals("0::" + cg, cgroupOf(p.pid()));
                assertEquals("active", systemd.activeState(spec.unit()));
            } finally {
                systemd.stopUnit(spec.unit());
            }
            assertFalse(Files.exists(CG.resolve(cg.substring(1))), "systemd removes a stopped scope's cgroup");
        }
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) return b;
        if (v instanceof List<?> l) {
            byte[] b = new byte[l.size()];
            for (int i = 0; i < b.length; i++) b[i] = ((Number) l.get(i)).byteValue();
            return b;
        }
        throw new AssertionError("AllowedCPUs is " + v.getClass());
    }

    @Test
    void aLimitSetThroughCorralSurvivesDaemonReloadWhereARawWriteIsUndone() throws Exception {
        systemd.startUnit(VICTIM);
        try {
            // What Corral avoids: a raw write into systemd's cgroup is silently undone on daemon-reload.
            new CgroupWriter().set(ref(VICTIM_CG), "memory.max", "33554432");
            assertEquals("33554432", read(VICTIM_CG, "memory.max"));
            systemd.reload();
            assertEquals("max", read(VICTIM_CG, "memory.max"), "systemd re-applied its own value");

            // What Corral does: `corral set` on a systemd unit goes to systemd.
            Cli set = corral("set", VICTIM_CG, "memory.max=64M", "pids.max=50");
            assertEquals(0, set.exit(), set.err());
            assertTrue(set.out().contains("SetUnitProperties") && set.out().contains("MemoryMax=64M")
                    && set.out().contains("TasksMax=50"), set.out());
            assertEquals("67108864", read(VICTIM_CG, "memory.max"));
            assertEquals("50", read(VICTIM_CG, "pids.max"));
            assertTrue(Files.exists(Path.of("/run/systemd/system.control/" + VICTIM + ".d/50-MemoryMax.conf")),
                    "runtime drop-in written by systemd");

            systemd.reload();
            assertEquals("67108864", read(VICTIM_CG, "memory.max"), "kept across daemon-reload");
            assertEquals("50", read(VICTIM_CG, "pids.max"));
            assertEquals(BigInteger.valueOf(67108864), systemd.unitUInt64(VICTIM, "MemoryMax"));

            // and back to no limit, the same way
            Cli unset = corral("set", VICTIM_CG, "memory.max=max");
            assertEquals(0, unset.exit(), unset.err());
            assertEquals("max", read(VICTIM_CG, "memory.max"));
            assertEquals(UnitSetting.INFINITY, systemd.unitUInt64(VICTIM, "MemoryMax"));
        } finally {
            systemd.stopUnit(VICTIM);
        }
    }

    @Test
    void attachProcessesToUnitMovesAProcess() throws Exception {
        try (Spawned first = Spawned.gated("exec sleep 300"); Spawned s = Spawned.start("sleep", "300")) {
            ScopeSpec spec = scope(first, true, List.of());
            String cg = systemd.startTransientScope(spec);
            try {
                assertEquals("0::/system.slice/corral-test.service", cgroupOf(s.pid()));
                Decision d = policy.decide(ref(cg), CgroupOperation.MOVE);
                assertEquals(Decision.Action.ASK_SYSTEMD, d.action(), d.explanation());

                Cli move = corral("move", String.valueOf(s.pid()), cg);
                assertEquals(0, move.exit(), move.err());
                assertTrue(move.out().contains("AttachProcessesToUnit"), move.out());
                assertEquals("0::" + cg, cgroupOf(s.pid()));
                assertTrue(read(cg, "cgroup.procs").lines().anyMatch(l -> l.equals(String.valueOf(s.pid()))));
            } finally {
                systemd.stopUnit(spec.unit());
            }
        }
    }

    @Test
    void rawWritesIntoSystemdOwnedCgroupsAreRefusedWithTheReason() throws Exception {
        systemd.startUnit(VICTIM);
        try {
            Decision set = policy.decideSet(ref(VICTIM_CG), LimitKey.MEMORY_MAX, "67108864");
            assertEquals(Decision.Action.ASK_SYSTEMD, set.action());
            assertTrue(set.explanation().contains("is corral-victim.service, owned by systemd; Corral will ask systemd"
                    + " to set MemoryMax"), set.explanation());

            Cli create = corral("create", "/system.slice/corral-rogue");
            assertEquals(1, create.exit());
            assertTrue(create.err().startsWith("corral: Corral did not create /system.slice/corral-rogue: "
                    + "/system.slice is system.slice, owned by systemd"), create.err());
            assertFalse(Files.exists(CG.resolve("system.slice/corral-rogue")));

            Cli io = corral("set", VICTIM_CG, "io.max=98:0 wbps=1M");
            assertEquals(1, io.exit());
            assertTrue(io.err().contains("no single property for io.max") && io.err().contains("systemctl set-property"),
                    io.err());

            // one refused pair stops the whole command: memory.max is not changed either
            Cli mixed = corral("set", VICTIM_CG, "memory.max=32M", "io.max=98:0 wbps=1M");
            assertEquals(1, mixed.exit());
            assertEquals("max", read(VICTIM_CG, "memory.max"));

            String controllers = read("/system.slice", "cgroup.subtree_control");
            Cli enable = corral("enable", "/system.slice", "-memory");
            assertEquals(1, enable.exit());
            assertTrue(enable.err().contains("systemd decides which controllers"), enable.err());
            assertEquals(controllers, read("/system.slice", "cgroup.subtree_control"));

            // systemd moves processes only into units with Delegate=yes: said before anything is tried
            try (Spawned s = Spawned.start("sleep", "300")) {
                Cli move = corral("move", String.valueOf(s.pid()), VICTIM_CG);
                assertEquals(1, move.exit());
                assertTrue(move.err().contains("Delegate=yes"), move.err());
                assertEquals("0::/system.slice/corral-test.service", cgroupOf(s.pid()));
            }

            Cli remove = corral("remove", "/init.scope");
            assertEquals(1, remove.exit());
            assertTrue(remove.err().contains("systemctl stop init.scope"), remove.err());
            assertTrue(Files.isDirectory(CG.resolve("init.scope")));
        } finally {
            systemd.stopUnit(VICTIM);
        }
    }

    @Test
    void aDelegatedScopeIsWrittenDirectlyBelowIt() throws Exception {
        try (Spawned p = Spawned.gated("exec sleep 300")) {
            ScopeSpec spec = scope(p, true, List.of());
            String cg = systemd.startTransientScope(spec);
            try {
                String payload = cg + "/payload";
                Cli create = corral("create", payload);
                assertEquals(0, create.exit(), create.err());
                assertTrue(create.out().contains("delegated"), create.out());
                assertTrue(Files.isDirectory(CG.resolve(payload.substring(1))));

                // no-internal-process rule: the process leaves the scope's own cgroup first
                Cli move = corral("move", String.valueOf(p.pid()), payload);
                assertEquals(0, move.exit(), move.err());
                assertEquals("0::" + payload, cgroupOf(p.pid()));

                Cli enable = corral("enable", cg, "+memory");
                assertEquals(0, enable.exit(), enable.err());
                assertTrue(read(cg, "cgroup.subtree_control").contains("memory"));

                Cli set = corral("set", payload, "memory.max=16M");
                assertEquals(0, set.exit(), set.err());
                assertEquals("16777216", read(payload, "memory.max"));
                assertFalse(set.out().contains("SetUnitProperties"), set.out());
            } finally {
                systemd.stopUnit(spec.unit());
            }
            assertFalse(Files.exists(CG.resolve(cg.substring(1))), "systemd removes the scope and its subtree");
        }
    }

    @Test
    void freezeThawAndKillOfAUnitGoThroughSystemd() throws Exception {
        try (Spawned p = Spawned.gated("exec sleep 300")) {
            ScopeSpec spec = scope(p, false, List.of());
            String cg = systemd.startTransientScope(spec);
            try {
                Cli freeze = corral("freeze", cg);
                assertEquals(0, freeze.exit(), freeze.err());
                assertTrue(freeze.out().contains("FreezeUnit"), freeze.out());
                assertEquals("1", read(cg, "cgroup.freeze"));
                Cli thaw = corral("thaw", cg);
                assertEquals(0, thaw.exit(), thaw.err());
                assertEquals("0", read(cg, "cgroup.freeze"));

                Cli kill = corral("kill", cg);
                assertEquals(0, kill.exit(), kill.err());
                assertTrue(kill.out().contains("KillUnit"), kill.out());
                assertTrue(p.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "killed");
            } finally {
                try {
                    systemd.stopUnit(spec.unit());
                } catch (SystemdException gone) {
                    // the scope ended with its last process and systemd collected it
                }
            }
        }
    }

    /**
     * A user's apps belong to the user's own systemd (user@UID.service, delegated by the system
     * manager): here root's, uid 0, reached over its session bus and over its private socket.
     */
    @Test
    void aUsersScopeIsMadeAndChangedThroughTheUsersOwnSystemd() throws Exception {
        systemd.startUnit("user@0.service");
        try (Spawned p = Spawned.gated("exec sleep 300"); SystemdManager user = SystemdManager.user()) {
            ScopeSpec spec = new ScopeSpec(UnitNames.scopeFor("user app", p.pid()), "Corral user-manager test", null,
                    List.of(p.pid()), limit(LimitKey.MEMORY_MAX, "40M"), true);
            String cg = user.startTransientScope(spec);
            try {
                assertEquals("/user.slice/user-0.slice/user@0.service/app.slice/" + spec.unit(), cg);
                assertEquals("0::" + cg, cgroupOf(p.pid()));
                assertEquals("41943040", read(cg, "memory.max"));

                Ownership o = policy.classifier().classify(ref(cg));
                assertEquals(CgroupOwner.SYSTEMD, o.owner());
                assertEquals(spec.unit(), o.unit());
                assertEquals("user@0", o.manager());
                Ownership managerUnit = policy.classifier().classify(ref("/user.slice/user-0.slice/user@0.service"));
                assertEquals("system", managerUnit.manager());
                assertTrue(managerUnit.delegates());

                // corral set goes to the user's manager, not the system's
                Cli set = corral("set", cg, "memory.max=32M");
                assertEquals(0, set.exit(), set.err());
                assertTrue(set.out().contains("the systemd of user 0 (systemd --user)"), set.out());
                assertEquals("33554432", read(cg, "memory.max"));

                // root reaching a user's manager through its private socket (no bus daemon)
                try (SystemdManager direct = SystemdManager.userManagerOf(0)) {
                    assertEquals(Optional.of(spec.unit()), direct.unitByControlGroup(cg));
                    direct.setUnitProperties(spec.unit(), limit(LimitKey.MEMORY_HIGH, "24M"));
                }
                assertEquals("25165824", read(cg, "memory.high"));
            } finally {
                user.stopUnit(spec.unit());
            }
        } finally {
            systemd.stopUnit("user@0.service");
        }
    }
}
