package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.backend.BackendMain;
import org.corral.client.Backend;
import org.corral.client.BackendException;
import org.corral.client.ChildBackend;
import org.corral.client.InProcessBackend;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.EnableArgs;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.JournalArgs;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.JournalResult;
import org.corral.protocol.MoveArgs;
import org.corral.protocol.Op;
import org.corral.protocol.SetArgs;
import org.corral.protocol.SystemdCall;
import org.corral.protocol.UndoArgs;
import org.corral.systemd.ScopeSpec;
import org.corral.systemd.SystemdException;
import org.corral.systemd.SystemdManager;
import org.corral.systemd.UnitNames;
import org.corral.systemd.UnitSetting;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The privileged backend (org.corral.backend, its real request loop, handlers and journal,
 * served in this process as root) on a real systemd as PID 1: it follows the write policy as the
 * root CLI does. A unit's limits are set through SetUnitProperties and survive daemon-reload,
 * freeze/thaw go through FreezeUnit/ThawUnit, a delegated scope is written directly, and what
 * the policy refuses changes nothing. corral-victim.service (a sleep from a unit file, see
 * src/test/uml/init.sh) is the unit changed; each test stops the units it started.
 */
@Tag("uml-systemd")
class SystemdBackendTest {
    private static final Path CG = UmlGuest.CGROUP_ROOT;
    private static final String VICTIM = "corral-victim.service";
    private static final String VICTIM_CG = "/system.slice/" + VICTIM;
    private static final String SELF_CG = "/system.slice/corral-test.service";

    private static SystemdManager systemd;
    private Path journal;
    private Backend backend;

    @BeforeAll
    static void connect() {
        UmlGuest.requireInUml();
        systemd = SystemdManager.system();
    }

    @AfterAll
    static void disconnect() {
        if (systemd != null) systemd.close();
    }

    @BeforeEach
    void startBackend() throws IOException {
        Path dir = Files.createTempDirectory("corral-backend-");
        journal = dir.resolve("journal/journal.jsonl");
        backend = new InProcessBackend((in, out) -> BackendMain.serveInProcess(in, out, journal), Duration.ofSeconds(60));
        assertTrue(backend.hello().systemd(), "the backend sees systemd running");
    }

    @AfterEach
    void stopBackend() {
        if (backend != null) backend.close();
    }

    private static String read(String cgroup, String file) throws IOException {
        return Files.readString(CG.resolve(cgroup.substring(1)).resolve(file)).strip();
    }

    private static String cgroupOf(int pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/cgroup")).strip();
    }

    private ChangeResult change(Op op, Object args) {
        return backend.call(op, args, ChangeResult.class);
    }

    private BackendException refused(Op op, Object args) {
        BackendException e = assertThrows(BackendException.class, () -> backend.call(op, args));
        assertEquals(ErrorCode.REFUSED, e.code(), e.getMessage());
        return e;
    }

    private JournalEntry lastEntry() {
        List<JournalEntry> entries = backend.call(Op.JOURNAL, new JournalArgs(1), JournalResult.class).entries();
        return entries.get(entries.size() - 1);
    }

    private static ScopeSpec scope(Spawned p, boolean delegate) {
        return new ScopeSpec(UnitNames.scopeFor("backend test", p.pid()), "Corral backend test", null, List.of(p.pid()),
                List.of(), delegate);
    }

    @Test
    void aLimitOnAServiceIsSetThroughSystemdKeptAcrossDaemonReloadJournalledAndUndone() throws Exception {
        systemd.startUnit(VICTIM);
        try {
            Map<String, String> limits = new LinkedHashMap<>();
            limits.put("memory.max", "64M");
            limits.put("cpu.weight", "50");
            ChangeResult set = change(Op.SET, new SetArgs(VICTIM_CG, limits));
            assertEquals("asked systemd to set MemoryMax=64M CPUWeight=50 on corral-victim.service (SetUnitProperties, runtime);"
                    + " memory.max is now 67108864, cpu.weight is now 50", set.message());
            assertEquals(List.of(), set.changes(), "Corral wrote no cgroup file: systemd did");
            SystemdCall call = set.systemd();
            assertEquals("system", call.manager());
            assertEquals("SetUnitProperties", call.method());
            assertEquals(VICTIM, call.unit());
            // CPUWeight "not set" is UINT64_MAX to systemd: "infinity" here, and what undo sets again
            assertEquals(List.of(new SystemdCall.Property("MemoryMax", "t", "infinity", "67108864"),
                    new SystemdCall.Property("CPUWeight", "t", "infinity", "50")), call.properties());
            assertEquals("67108864", read(VICTIM_CG, "memory.max"));
            assertEquals("50", read(VICTIM_CG, "cpu.weight"));
            assertEquals(BigInteger.valueOf(67108864), systemd.unitUInt64(VICTIM, "MemoryMax"));

            systemd.reload();
            assertEquals("67108864", read(VICTIM_CG, "memory.max"), "systemd keeps its own property across daemon-reload");

            JournalEntry e = lastEntry();
            assertEquals(set.journalSeq(), e.seq());
            assertEquals("set", e.op());
            assertEquals(VICTIM_CG, e.target());
            assertEquals(call, e.systemd());
            assertNull(e.changes());

            // undo sets the unit's earlier value back, through systemd
            ChangeResult undo = change(Op.UNDO, new UndoArgs(set.journalSeq(), false));
            assertTrue(undo.message().startsWith("asked systemd to set MemoryMax=infinity CPUWeight=infinity back on"
                    + " corral-victim.service (SetUnitProperties, runtime); memory.max is now max"), undo.message());
            assertEquals("max", read(VICTIM_CG, "memory.max"));
            assertEquals(UnitSetting.INFINITY, systemd.unitUInt64(VICTIM, "MemoryMax"));
            assertEquals(UnitSetting.INFINITY, systemd.unitUInt64(VICTIM, "CPUWeight"));
            assertEquals(set.journalSeq(), lastEntry().undoes());
            systemd.reload();
            assertEquals("max", read(VICTIM_CG, "memory.max"));

            // the unit no longer has what that entry set: undoing it again would undo the undo
            BackendException again = assertThrows(BackendException.class, () -> backend.call(Op.UNDO,
                    new UndoArgs(set.journalSeq(), false)));
            assertEquals(ErrorCode.FAILED, again.code());
            assertTrue(again.getMessage().contains("MemoryMax has changed since: it is 'infinity', not '67108864'"),
                    again.getMessage());
            assertEquals("max", read(VICTIM_CG, "memory.max"));
        } finally {
            systemd.stopUnit(VICTIM);
        }
    }

    @Test
    void aMoveIntoAServiceWithoutDelegationIsRefusedAndTheProcessStays() throws Exception {
        systemd.startUnit(VICTIM);
        try (Spawned s = Spawned.start("sleep", "300")) {
            String procs = read(VICTIM_CG, "cgroup.procs");
            BackendException e = refused(Op.MOVE, new MoveArgs(VICTIM_CG, List.of(s.pid()), false));
            assertTrue(e.getMessage().startsWith("Corral did not move processes into " + VICTIM_CG + ": " + VICTIM_CG
                    + " is corral-victim.service, owned by systemd without Delegate=yes"), e.getMessage());
            assertEquals("0::" + SELF_CG, cgroupOf(s.pid()));
            assertEquals(procs, read(VICTIM_CG, "cgroup.procs"));
        } finally {
            systemd.stopUnit(VICTIM);
        }
    }

    @Test
    void belowADelegatedScopeTheBackendCreatesDirectly() throws Exception {
        try (Spawned p = Spawned.gated("exec sleep 300")) {
            ScopeSpec spec = scope(p, true);
            String cg = systemd.startTransientScope(spec);
            try {
                String payload = cg + "/payload";
                ChangeResult created = change(Op.CREATE, new CgroupArgs(payload));
                assertNull(created.systemd());
                assertEquals("inside " + spec.unit() + ", which systemd delegated (Delegate=yes): Corral creates it directly",
                        created.message());
                assertTrue(Files.isDirectory(CG.resolve(payload.substring(1))));
                ChangeResult moved = change(Op.MOVE, new MoveArgs(payload, List.of(p.pid()), false));
                assertEquals("cgroup.procs", moved.changes().get(0).file(), "a raw move, journalled as a file change");
                assertEquals("0::" + payload, cgroupOf(p.pid()));
            } finally {
                systemd.stopUnit(spec.unit());
            }
            assertFalse(Files.exists(CG.resolve(cg.substring(1))), "systemd removes the scope and its subtree");
        }
    }

    @Test
    void freezeThawAndKillOfAUnitGoThroughSystemd() throws Exception {
        try (Spawned p = Spawned.gated("exec sleep 300")) {
            ScopeSpec spec = scope(p, false);
            String cg = systemd.startTransientScope(spec);
            try {
                ChangeResult frozen = change(Op.FREEZE, new CgroupArgs(cg));
                assertEquals("FreezeUnit", frozen.systemd().method());
                assertEquals("froze " + spec.unit() + " (" + cg + ") through systemd: FreezeUnit", frozen.message());
                assertEquals("frozen", freezerState(spec.unit(), "frozen"));
                assertEquals("1", read(cg, "cgroup.freeze"));
                assertEquals("FreezeUnit", lastEntry().systemd().method());

                ChangeResult thawed = change(Op.THAW, new CgroupArgs(cg));
                assertEquals("ThawUnit", thawed.systemd().method());
                assertEquals("running", freezerState(spec.unit(), "running"));
                assertEquals("0", read(cg, "cgroup.freeze"));

                // undo of the thaw freezes again, through systemd; undo of that undo thaws
                ChangeResult undo = change(Op.UNDO, new UndoArgs(thawed.journalSeq(), false));
                assertEquals("FreezeUnit", undo.systemd().method());
                assertEquals("frozen", freezerState(spec.unit(), "frozen"));
                change(Op.UNDO, new UndoArgs(undo.journalSeq(), false));
                assertEquals("running", freezerState(spec.unit(), "running"));

                ChangeResult killed = change(Op.KILL, new CgroupArgs(cg));
                assertEquals("KillUnit", killed.systemd().method());
                assertEquals(1, killed.processes());
                assertTrue(p.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "killed");
                BackendException noUndo = refused(Op.UNDO, new UndoArgs(killed.journalSeq(), false));
                assertTrue(noUndo.getMessage().contains("(KillUnit on " + spec.unit() + "); moves and kills cannot be undone"),
                        noUndo.getMessage());
            } finally {
                try {
                    systemd.stopUnit(spec.unit());
                } catch (SystemdException gone) {
                    // the scope ended with its last process and systemd collected it
                }
            }
        }
    }

    /** The unit's FreezerState once it is {@code want}, or what it is after 10 s (then the assertion fails). */
    private static String freezerState(String unit, String want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String state;
        while (!(state = systemd.unitProperty(unit, "FreezerState", "org.freedesktop.systemd1.Unit")).equals(want)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return state;
    }

    /**
     * The backend as pkexec starts it (a root child with PKEXEC_UID, no arguments, its journal in
     * /var/lib/corral: a tmpfs in a mount namespace of its own here, as the guest's / is
     * read-only). A unit of the test user's own systemd --user is changed for that user, through
     * that manager; for anyone else the backend, root though it is, refuses and the unit is as it was.
     */
    @Test
    void aPkexecCallerReachesOnlyItsOwnSystemdUser() throws Exception {
        TestUser.Ids user = TestUser.ensure();
        String manager = "user@" + user.uid() + ".service";
        systemd.startUnit(manager);
        try (Spawned p = Spawned.start("setpriv", "--reuid", Integer.toString(user.uid()), "--regid", Integer.toString(user.gid()),
                "--clear-groups", "--", "sleep", "300");
             SystemdManager own = SystemdManager.userManagerOf(user.uid())) {
            awaitExecAs(p.pid(), user.uid(), "sleep");
            ScopeSpec spec = scope(p, false);
            String cg = own.startTransientScope(spec);
            try {
                assertEquals("/user.slice/user-" + user.uid() + ".slice/" + manager + "/app.slice/" + spec.unit(), cg);
                try (Backend other = pkexecBackend(user.uid() + 1)) {
                    assertEquals(user.uid() + 1, other.hello().callerUid());
                    assertEquals("pkexec", other.hello().via());
                    BackendException e = assertThrows(BackendException.class, () -> other.call(Op.FREEZE, new CgroupArgs(cg)));
                    assertEquals(ErrorCode.REFUSED, e.code(), e.getMessage());
                    assertTrue(e.getMessage().endsWith("is " + spec.unit() + ", owned by the systemd of user " + user.uid()
                            + " (systemd --user); Corral asks a user's own systemd only for that user or for root, and this"
                            + " request is for uid " + (user.uid() + 1)), e.getMessage());
                }
                assertEquals("running", own.unitProperty(spec.unit(), "FreezerState", "org.freedesktop.systemd1.Unit"));
                assertEquals("0", read(cg, "cgroup.freeze"));

                try (Backend self = pkexecBackend(user.uid())) {
                    ChangeResult frozen = self.call(Op.FREEZE, new CgroupArgs(cg), ChangeResult.class);
                    assertEquals("user@" + user.uid(), frozen.systemd().manager());
                    assertEquals("froze " + spec.unit() + " (" + cg + ") through the systemd of user " + user.uid()
                            + " (systemd --user): FreezeUnit", frozen.message());
                    assertEquals("1", read(cg, "cgroup.freeze"));
                    self.call(Op.THAW, new CgroupArgs(cg), ChangeResult.class);
                    assertEquals("0", read(cg, "cgroup.freeze"));
                    ChangeResult set = self.call(Op.SET, new SetArgs(cg, Map.of("memory.max", "48M")), ChangeResult.class);
                    assertTrue(set.message().startsWith("asked the systemd of user " + user.uid() + " (systemd --user) to set"
                            + " MemoryMax=48M on " + spec.unit()), set.message());
                    assertEquals(BigInteger.valueOf(48L << 20), own.unitUInt64(spec.unit(), "MemoryMax"));
                }
            } finally {
                own.stopUnit(spec.unit());
            }
        } finally {
            systemd.stopUnit(manager);
        }
    }

    /**
     * /run/user/UID belongs to that user, who can make its systemd/private a symlink to another
     * manager's socket, which root (the backend) would follow: a path that is not the user's own
     * directories and socket is not used. Made here by root for a uid with no manager (and handed
     * to that uid), as such a user would make it.
     */
    @Test
    void aUsersSocketThatLeadsToAnotherManagerIsNotUsed() throws Exception {
        Path runtime = Path.of("/run/user/4242");
        Path link = runtime.resolve("systemd/private");
        Files.createDirectories(link.getParent());
        Files.setAttribute(runtime, "unix:uid", 4242);
        Files.setAttribute(link.getParent(), "unix:uid", 4242);
        systemd.startUnit("user@0.service");
        try {
            for (String other : List.of("/run/systemd/private", "/run/user/0/systemd/private")) {
                Files.createSymbolicLink(link, Path.of(other));
                SystemdException e = assertThrows(SystemdException.class, () -> SystemdManager.userManagerOf(4242).close());
                assertEquals("/run/user/4242/systemd/private is a symlink, not a socket; refusing to use it as the systemd"
                        + " --user of uid 4242", e.getMessage());
                Files.delete(link);
            }
            Files.createSymbolicLink(link.getParent().resolveSibling("elsewhere"), Path.of("/run/user/0/systemd"));
            Files.delete(link.getParent());
            Files.move(link.getParent().resolveSibling("elsewhere"), link.getParent());
            SystemdException dir = assertThrows(SystemdException.class, () -> SystemdManager.userManagerOf(4242).close());
            assertTrue(dir.getMessage().startsWith("/run/user/4242/systemd is a symlink, not a directory"), dir.getMessage());
            try (SystemdManager own = SystemdManager.userManagerOf(0)) {
                assertEquals("active", own.activeState("default.target"), "the real one is used");
            }
        } finally {
            Files.deleteIfExists(link.getParent().resolveSibling("elsewhere"));
            if (Files.isSymbolicLink(link.getParent())) Files.delete(link.getParent());
            Files.deleteIfExists(link);
            Files.deleteIfExists(link.getParent());
            Files.deleteIfExists(runtime);
            systemd.stopUnit("user@0.service");
        }
    }

    /**
     * Waits until setpriv has become {@code uid} and exec'd {@code comm}: the user's systemd may
     * only take in a process of its own user, and setpriv is root for an instant.
     */
    private static void awaitExecAs(int pid, int uid, String comm) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = Files.readString(Path.of("/proc/" + pid + "/status"));
            if (status.contains("\nUid:\t" + uid + "\t") && status.startsWith("Name:\t" + comm + "\n")) return;
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not become " + comm + " as uid " + uid + ": " + status);
    }

    /**
     * {@code env PKEXEC_UID=UID unshare -m -- sh -c 'mount tmpfs /var/lib; exec java ... BackendMain'}:
     * the backend's parent is this root JVM (env, unshare and sh exec), as pkexec's parent is the
     * caller's process.
     */
    private static Backend pkexecBackend(int uid) {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "PKEXEC_UID=" + uid, "unshare", "--mount", "--", "sh", "-c",
                "mount -t tmpfs -o mode=0755 tmpfs /var/lib && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String o : System.getenv().getOrDefault("CORRAL_UML_JAVA_OPTS", "").split(" ")) if (!o.isBlank()) cmd.add(o);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.corral.backend.BackendMain"));
        return ChildBackend.plain(cmd, Duration.ofSeconds(60), "uml-test");
    }

    /** Every file a refused request could have touched, before and after: the same. */
    @Test
    void refusedOpsChangeNothing() throws Exception {
        systemd.startUnit(VICTIM);
        try (Spawned s = Spawned.start("sleep", "300")) {
            Map<String, String> before = snapshot();
            long seq = lastEntry().seq();

            assertTrue(refused(Op.CREATE, new CgroupArgs("/system.slice/corral-rogue")).getMessage()
                    .startsWith("Corral did not create /system.slice/corral-rogue: /system.slice is system.slice, owned by systemd"));
            assertTrue(refused(Op.SET, new SetArgs(VICTIM_CG, new LinkedHashMap<>(Map.of("memory.max", "32M",
                    "io.max", "98:0 wbps=1M")))).getMessage().contains("no single property for io.max"));
            assertTrue(refused(Op.ENABLE, new EnableArgs("/system.slice", List.of("-memory"))).getMessage()
                    .contains("systemd decides which controllers"));
            assertTrue(refused(Op.REMOVE, new CgroupArgs("/init.scope")).getMessage().contains("systemctl stop init.scope"));
            assertTrue(refused(Op.MOVE, new MoveArgs("/system.slice", List.of(s.pid()), false)).getMessage()
                    .contains("a slice holds no processes"));
            assertTrue(refused(Op.FREEZE, new CgroupArgs(VICTIM_CG + "/sub")).getMessage().contains("did not delegate"));
            // the backend's own guard comes first: PID 1 is in init.scope
            assertTrue(refused(Op.KILL, new CgroupArgs("/init.scope")).getMessage().contains("PID 1"));

            assertEquals(before, snapshot());
            assertEquals("0::" + SELF_CG, cgroupOf(s.pid()));
            assertEquals(seq, lastEntry().seq(), "nothing was journalled: nothing was changed");
        } finally {
            systemd.stopUnit(VICTIM);
        }
    }

    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("memory.max", "pids.max", "cgroup.procs", "cgroup.freeze", "cgroup.subtree_control")) {
            m.put(VICTIM_CG + "/" + f, read(VICTIM_CG, f));
        }
        m.put("/system.slice/cgroup.subtree_control", read("/system.slice", "cgroup.subtree_control"));
        m.put("/init.scope/cgroup.procs", read("/init.scope", "cgroup.procs"));
        m.put("/system.slice/corral-rogue exists", String.valueOf(Files.exists(CG.resolve("system.slice/corral-rogue"))));
        m.put(VICTIM_CG + "/sub exists", String.valueOf(Files.exists(CG.resolve(VICTIM_CG.substring(1) + "/sub"))));
        m.put("MemoryMax", systemd.unitUInt64(VICTIM, "MemoryMax").toString());
        return m;
    }
}
