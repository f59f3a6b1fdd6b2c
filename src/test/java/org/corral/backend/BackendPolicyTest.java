package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.corral.client.Backend;
import org.corral.client.BackendException;
import org.corral.client.InProcessBackend;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.CorralJson;
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
import org.corral.sys.Sys;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.SystemdFixture;
import org.corral.systemd.WritePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's handlers under the systemd write policy, in this process, on a fixture host:
 * its cgroup tree is a directory of plain files in a temp dir (so nothing of this machine is
 * touched, and "nothing changed" is checked on every file), and systemd "runs" there. Refused
 * ops answer {@code refused} with the policy's sentence, change no file and are not journalled;
 * raw writes inside a delegated unit still work and say why. The calls to a real systemd are
 * tested in org.corral.uml.SystemdBackendTest.
 */
class BackendPolicyTest {
    private static final String CRON = "/system.slice/cron.service";
    private static final String SCOPE = "/system.slice/corral-app-1.scope";
    private static final String OTHER_USER = "/user.slice/user-3999998.slice/user@3999998.service";
    private static final String OTHER_USERS_APP = OTHER_USER + "/app.slice/corral-test-app.scope";

    @TempDir
    Path tmp;

    private SystemdFixture host(boolean systemdRuns) throws IOException {
        SystemdFixture f = new SystemdFixture(tmp.resolve("host"), SystemdFixture.UNIFIED, systemdRuns);
        for (String cg : List.of(CRON, SCOPE, OTHER_USERS_APP, "/init.scope")) {
            Path d = dir(f, cg);
            Files.createDirectories(d);
            Files.writeString(d.resolve("memory.max"), "max\n");
            Files.writeString(d.resolve("cgroup.subtree_control"), "\n");
            Files.writeString(d.resolve("cgroup.procs"), "");
        }
        Files.writeString(dir(f, "/system.slice").resolve("cgroup.subtree_control"), "memory pids\n");
        return f;
    }

    private static Path dir(SystemdFixture f, String cgroup) {
        return f.v2(cgroup).dir();
    }

    private Path journal() {
        return tmp.resolve("journal/journal.jsonl");
    }

    /** The real backend loop (handlers, checks, journal) for a caller of uid {@code uid}, deciding by {@code policy}. */
    private Backend backend(SystemdFixture f, WritePolicy policy, int uid) {
        return new InProcessBackend((in, out) -> {
            ResponseWriter w = new ResponseWriter(out);
            try (Session s = new Session(new Caller(uid, "test", ProcessHandle.current().pid()), f.hierarchies, policy,
                    Journal.open(journal(), Journal.DEFAULT_MAX_BYTES, Journal.DEFAULT_KEEP, Sys.geteuid(),
                            ProcessHandle.current().pid(), uid), w)) {
                new RequestLoop(s, in, w).run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20));
    }

    private static WritePolicy policy(SystemdFixture f) {
        return f.policy(Set.of(SCOPE, OTHER_USER));
    }

    /** Every file and directory of the fixture tree with its content. */
    private static Map<String, String> snapshot(SystemdFixture f) throws IOException {
        Path root = f.hierarchies.unified().orElseThrow().dir();
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
        }
        return m;
    }

    private static BackendException refused(Backend b, Op op, Object args) {
        BackendException e = assertThrows(BackendException.class, () -> b.call(op, args));
        assertEquals(ErrorCode.REFUSED, e.code(), e.getMessage());
        return e;
    }

    private static List<String> journalOps(Backend b) {
        return b.call(Op.JOURNAL, new JournalArgs(100), JournalResult.class).entries().stream().map(JournalEntry::op).toList();
    }

    @Test
    void aRawCreateUnderSystemSliceIsRefusedWithTheExplanationAndChangesNothing() throws Exception {
        SystemdFixture f = host(true);
        WritePolicy policy = policy(f);
        Map<String, String> before = snapshot(f);
        try (Backend b = backend(f, policy, 0)) {
            BackendException e = refused(b, Op.CREATE, new CgroupArgs("/system.slice/rogue"));
            assertEquals("Corral did not create /system.slice/rogue: "
                    + policy.decide(f.v2("/system.slice/rogue"), CgroupOperation.CREATE).explanation(), e.getMessage());
            assertTrue(e.getMessage().contains("/system.slice is system.slice, owned by systemd"), e.getMessage());
            assertEquals(before, snapshot(f));
            assertEquals(List.of(), journalOps(b), "a refusal is not a change: nothing to journal");
        }
    }

    @Test
    void forbiddenCombinationsAreRefusedAndChangeNoFile() throws Exception {
        SystemdFixture f = host(true);
        Map<String, String> before = snapshot(f);
        try (Backend b = backend(f, policy(f), 0)) {
            assertTrue(refused(b, Op.SET, new SetArgs(CRON, Map.of("io.max", "8:0 wbps=1M"))).getMessage()
                    .contains("no single property for io.max"));
            // one refused pair stops the request: memory.max is not written either
            refused(b, Op.SET, new SetArgs(CRON, new java.util.LinkedHashMap<>(Map.of("memory.max", "32M", "io.max", "8:0 wbps=1M"))));
            int self = (int) ProcessHandle.current().pid();
            int parent = (int) ProcessHandle.current().parent().orElseThrow().pid();
            assertTrue(refused(b, Op.MOVE, new MoveArgs(CRON, List.of(parent), false)).getMessage().contains("without Delegate=yes"));
            assertTrue(refused(b, Op.MOVE, new MoveArgs(SCOPE, List.of(parent), true)).getMessage()
                    .contains("systemd moves whole processes only"));
            assertTrue(refused(b, Op.MOVE, new MoveArgs("/system.slice", List.of(parent), false)).getMessage()
                    .contains("a slice holds no processes"));
            assertTrue(refused(b, Op.REMOVE, new CgroupArgs("/init.scope")).getMessage().contains("systemctl stop init.scope"));
            assertTrue(refused(b, Op.ENABLE, new EnableArgs("/system.slice", List.of("-memory"))).getMessage()
                    .contains("systemd decides which controllers"));
            assertTrue(refused(b, Op.FREEZE, new CgroupArgs(CRON + "/sub")).getMessage().contains("did not delegate"));
            // the backend's own rules come first, the policy on top: the backend itself is never moved
            assertTrue(refused(b, Op.MOVE, new MoveArgs(SCOPE + "/payload", List.of(self), false)).getMessage()
                    .contains("the Corral backend itself"));
            assertEquals(before, snapshot(f));
            assertEquals(List.of(), journalOps(b));
        }
    }

    @Test
    void belowADelegatedScopeTheBackendWritesItselfAndSaysWhy() throws Exception {
        SystemdFixture f = host(true);
        try (Backend b = backend(f, policy(f), 0)) {
            ChangeResult created = b.call(Op.CREATE, new CgroupArgs(SCOPE + "/payload"), ChangeResult.class);
            assertTrue(Files.isDirectory(dir(f, SCOPE + "/payload")));
            assertEquals("inside corral-app-1.scope, which systemd delegated (Delegate=yes): Corral creates it directly",
                    created.message());
            assertNull(created.systemd());
            Files.writeString(dir(f, SCOPE + "/payload").resolve("memory.max"), "max\n");
            ChangeResult set = b.call(Op.SET, new SetArgs(SCOPE + "/payload", Map.of("memory.max", "16M")), ChangeResult.class);
            assertEquals("16777216", Files.readString(dir(f, SCOPE + "/payload").resolve("memory.max")).strip());
            assertEquals("memory.max", set.changes().get(0).file());
            assertTrue(set.message().contains("delegated (Delegate=yes)"), set.message());
            assertEquals(List.of("create", "set"), journalOps(b));
        }
    }

    /** As root the backend could reach any user's systemd; for another user it does not. */
    @Test
    void aUsersOwnSystemdIsNotAskedForAnotherCaller() throws Exception {
        SystemdFixture f = host(true);
        Map<String, String> before = snapshot(f);
        try (Backend b = backend(f, policy(f), 3999997)) {
            BackendException e = refused(b, Op.FREEZE, new CgroupArgs(OTHER_USERS_APP));
            assertTrue(e.getMessage().contains("owned by the systemd of user 3999998 (systemd --user); Corral asks a user's own"
                    + " systemd only for that user or for root, and this request is for uid 3999997"), e.getMessage());
            refused(b, Op.SET, new SetArgs(OTHER_USERS_APP, Map.of("memory.max", "1G")));
            refused(b, Op.KILL, new CgroupArgs(OTHER_USERS_APP));
            assertEquals(before, snapshot(f));
            assertEquals(List.of(), journalOps(b));
        }
        // that user's own request passes the gate and goes to that user's manager (none runs here)
        try (Backend b = backend(f, policy(f), 3999998)) {
            BackendException e = assertThrows(BackendException.class, () -> b.call(Op.THAW, new CgroupArgs(OTHER_USERS_APP)));
            assertEquals(ErrorCode.FAILED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot reach the systemd --user of uid 3999998"), e.getMessage());
        }
        assertEquals(before, snapshot(f));
    }

    @Test
    void withoutSystemdTheAnswersAreTheOldOnes() throws Exception {
        SystemdFixture f = host(false);
        try (Backend b = backend(f, policy(f), 0)) {
            JsonNode created = b.call(Op.CREATE, new CgroupArgs("/system.slice/free"));
            assertEquals(Set.of("target", "changes", "journalSeq"), fieldNames(created));
            assertTrue(Files.isDirectory(dir(f, "/system.slice/free")));
            JsonNode set = b.call(Op.SET, new SetArgs(CRON, Map.of("memory.max", "32M")));
            assertEquals(Set.of("target", "changes", "journalSeq"), fieldNames(set));
            assertEquals("33554432", Files.readString(dir(f, CRON).resolve("memory.max")).strip());
            List<JournalEntry> entries = b.call(Op.JOURNAL, new JournalArgs(10), JournalResult.class).entries();
            assertTrue(entries.stream().allMatch(e -> e.systemd() == null));
        }
        assertFalse(Files.readString(journal()).contains("systemd"), Files.readString(journal()));
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> names = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Journal entries made through systemd whose undo is not Corral's to do: the answer says what to do. */
    @Test
    void undoOfASystemdChangeItCannotRevertSaysHow() throws Exception {
        SystemdFixture f = host(true);
        Files.createDirectory(journal().getParent(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        List<JournalEntry> old = List.of(
                new JournalEntry(1, "2026-12-01T06:00:00Z", 1, 0, "set", CRON, null, "ok", null, null, null,
                        new SystemdCall("system", "SetUnitProperties", "cron.service",
                                List.of(new SystemdCall.Property("MemoryMax", "t", null, "67108864")), null)),
                new JournalEntry(2, "2026-12-01T06:00:01Z", 1, 0, "move", SCOPE, null, "ok", null, null, null,
                        new SystemdCall("system", "AttachProcessesToUnit", "corral-app-1.scope", null, List.of(4242))));
        StringBuilder lines = new StringBuilder();
        for (JournalEntry e : old) lines.append(CorralJson.mapper().writeValueAsString(e)).append('\n');
        Files.writeString(journal(), lines);
        Map<String, String> before = snapshot(f);
        try (Backend b = backend(f, policy(f), 0)) {
            BackendException set = refused(b, Op.UNDO, new UndoArgs(1, false));
            assertEquals("journal entry 1 asked systemd (system) to set MemoryMax=67108864 on cron.service, but systemd did"
                    + " not say what cron.service had before, so Corral cannot set it back. Undo it with systemd: systemctl"
                    + " set-property --runtime cron.service NAME=VALUE, or drop every runtime property of the unit with"
                    + " systemctl revert cron.service", set.getMessage());
            BackendException move = refused(b, Op.UNDO, new UndoArgs(2, true));
            assertEquals("journal entry 2 (move) was made through systemd (AttachProcessesToUnit on corral-app-1.scope);"
                    + " moves and kills cannot be undone", move.getMessage());
            assertEquals(List.of("set", "move"), journalOps(b), "refused undos are not journalled");
        }
        assertEquals(before, snapshot(f));
    }
}
