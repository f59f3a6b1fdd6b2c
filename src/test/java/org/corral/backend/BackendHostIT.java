package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.client.Backend;
import org.corral.client.BackendException;
import org.corral.client.ChildBackend;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.ChangeResult;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.HelloResult;
import org.corral.protocol.JournalArgs;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.JournalResult;
import org.corral.protocol.MoveArgs;
import org.corral.protocol.Op;
import org.corral.protocol.SetArgs;
import org.corral.protocol.UndoArgs;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built backend, run as root by this test (a plain child), against the real cgroupfs. Test
 * cgroups only; in v1 below this process's own cgroup.
 */
class BackendHostIT {
    @TempDir
    Path tmp;

    private Path journal() {
        return tmp.resolve("corral/journal.jsonl");
    }

    private static Hierarchy hierarchy(String controller) {
        Require.root();
        var h = controller == null ? Hierarchies.detect().unified() : Hierarchies.detect().v1For(controller);
        Require.that(h.isPresent(), controller == null ? "a cgroup v2 hierarchy" : "a v1 hierarchy with " + controller);
        return h.get();
    }

    private static String read(CgroupRef ref, String file) throws Exception {
        return Files.readString(ref.dir().resolve(file)).strip();
    }

    private static BackendException fails(Backend b, Op op, Object args) {
        return assertThrows(BackendException.class, () -> b.call(op, args));
    }

    @Test
    void aRootChildSaysItIsRootActingForRoot() {
        Require.root();
        try (Backend b = RootBackend.start(journal())) {
            HelloResult h = b.hello();
            assertEquals(0, h.ruid());
            assertEquals(0, h.euid());
            assertEquals(0, h.callerUid());
            assertEquals("root", h.via());
            assertNotEquals(ProcessHandle.current().pid(), h.backendPid());
            assertEquals(journal().toString(), h.journal());
            assertEquals(Hierarchies.detect().layout().name(), h.layout());
            assertEquals(Files.isDirectory(Path.of("/run/systemd/system")), h.systemd());
            assertEquals(Hierarchies.detect().all().size(), h.hierarchies().size());
        }
    }

    @Test
    void undoRestoresMemoryLimitExactlyAndTheJournalOutlivesTheBackend() throws Exception {
        Hierarchy mem = hierarchy("memory");
        try (TestCgroups cg = new TestCgroups(mem)) {
            CgroupRef box = cg.ref("undo");
            String name = box.notation();
            long first;
            long second;
            String original;
            try (Backend b = RootBackend.start(journal())) {
                ChangeResult created = b.call(Op.CREATE, new CgroupArgs(name), ChangeResult.class);
                assertTrue(Files.isDirectory(box.dir()));
                assertEquals(name, created.target());
                original = read(box, "memory.limit_in_bytes");
                first = b.call(Op.SET, new SetArgs(name, Map.of("memory.max", "100M")), ChangeResult.class).journalSeq();
                ChangeResult r = b.call(Op.SET, new SetArgs(name, Map.of("memory.max", "200M")), ChangeResult.class);
                second = r.journalSeq();
                assertEquals("memory.limit_in_bytes", r.changes().get(0).file());
                assertEquals("104857600", r.changes().get(0).before());
                assertEquals("209715200", read(box, "memory.limit_in_bytes"));

                b.call(Op.UNDO, new UndoArgs(second, false));
                assertEquals("104857600", read(box, "memory.limit_in_bytes"));
                b.call(Op.UNDO, new UndoArgs(first, false));
                assertEquals(original, read(box, "memory.limit_in_bytes"), "exactly what it held before Corral");
            }
            // a new backend reads the same journal: earlier entries and numbering survive
            try (Backend b = RootBackend.start(journal())) {
                List<JournalEntry> entries = b.call(Op.JOURNAL, new JournalArgs(100), JournalResult.class).entries();
                List<String> ops = entries.stream().map(JournalEntry::op).toList();
                assertEquals(List.of("start", "create", "set", "set", "undo", "undo", "start"), ops);
                assertEquals(second, entries.get(4).undoes());
                long third = b.call(Op.SET, new SetArgs(name, Map.of("memory.max", "300M")), ChangeResult.class).journalSeq();
                assertTrue(third > entries.get(entries.size() - 1).seq());
                // entry 'first' left 100M; the file holds 300M now: undoing it would also undo 'third'
                BackendException e = fails(b, Op.UNDO, new UndoArgs(first, false));
                assertEquals(ErrorCode.FAILED, e.code());
                assertTrue(e.getMessage().contains("has changed since: it holds '314572800', not '104857600'"), e.getMessage());
                assertEquals("314572800", read(box, "memory.limit_in_bytes"));
                b.call(Op.UNDO, new UndoArgs(third, false));
                assertEquals(original, read(box, "memory.limit_in_bytes"));
                // undo of a create removes the (empty) cgroup
                JournalEntry create = entries.get(1);
                b.call(Op.UNDO, new UndoArgs(create.seq(), false));
                assertFalse(Files.exists(box.dir()));
            }
            List<String> lines = Files.readAllLines(journal());
            assertEquals(10, lines.size(), "the refused undo is not journalled: it changed nothing\n" + String.join("\n", lines));
        }
    }

    @Test
    void anOomKillInACgroupTheBackendLimitedIsPushedAsAnEvent() throws Exception {
        Hierarchy mem = hierarchy("memory");
        try (TestCgroups cg = new TestCgroups(mem); Backend b = RootBackend.start(journal());
             Spawned hog = Spawned.gated("exec tail /dev/zero")) {
            List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.onEvent(events::add);
            CgroupRef box = cg.ref("oom");
            b.call(Op.CREATE, new CgroupArgs(box.notation()));
            b.call(Op.SET, new SetArgs(box.notation(), Map.of("memory.max", "30M")));
            b.call(Op.MOVE, new MoveArgs(box.notation(), List.of(hog.pid()), false));
            hog.go();
            assertEquals(137, hog.waitFor(60), "the OOM killer ends the allocator");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) Thread.sleep(100);
            assertEquals(1, events.size(), "one event: " + events);
            assertEquals("oom_kill", events.get(0).get("event").asText());
            assertEquals(box.notation(), events.get(0).get("cgroup").asText());
            assertTrue(events.get(0).get("count").asLong() >= 1);
        }
    }

    @Test
    void killedMidStreamTheClientReportsItRestartsAndTheJournalHoldsEveryAnsweredChange() throws Exception {
        Hierarchy mem = hierarchy("memory");
        try (TestCgroups cg = new TestCgroups(mem); Backend b = RootBackend.start(journal())) {
            CgroupRef box = cg.create("stream");
            long pid = b.hello().backendPid();
            int n = 3000;
            List<java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode>> fs = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    fs.add(b.send(Op.SET, new SetArgs(box.notation(), Map.of("memory.max", (64 + i % 64) + "M"))));
                }
            });
            sender.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (fs.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count() < 100) {
                assertTrue(System.nanoTime() < deadline, "100 answers within 30 s");
                Thread.sleep(5);
            }
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            sender.join(60_000);
            List<Long> okSeqs = new ArrayList<>();
            int died = 0;
            for (var f : fs) {
                try {
                    okSeqs.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS).get("journalSeq").asLong());
                } catch (java.util.concurrent.ExecutionException e) {
                    BackendException be = (BackendException) e.getCause();
                    assertEquals(ErrorCode.DIED, be.code(), be.getMessage());
                    assertTrue(be.getMessage().startsWith("the Corral backend stopped before answering 'set' (killed by signal 9 (SIGKILL))"), be.getMessage());
                    died++;
                }
            }
            assertEquals(n, fs.size());
            assertTrue(okSeqs.size() >= 100 && died > 0, okSeqs.size() + " answered, " + died + " failed");
            // every change answered ok is in the journal, with what was written
            java.util.Set<Long> journalled = new java.util.HashSet<>();
            for (String l : Files.readAllLines(journal())) {
                JournalEntry e = org.corral.protocol.CorralJson.mapper().readValue(l, JournalEntry.class);
                if (e.op().equals("set") && e.result().equals("ok")) journalled.add(e.seq());
            }
            assertTrue(journalled.containsAll(okSeqs), "every ok answer's entry is in the journal");
            // the next request starts a new backend, which reads on in the same journal
            HelloResult again = b.hello();
            assertNotEquals(pid, again.backendPid());
            ChangeResult r = b.call(Op.SET, new SetArgs(box.notation(), Map.of("memory.max", "32M")), ChangeResult.class);
            assertTrue(r.journalSeq() > java.util.Collections.max(okSeqs));
            assertEquals("33554432", read(box, "memory.limit_in_bytes"));
        }
    }

    @Test
    void pid1KernelThreadsTheBackendAndPopulatedCgroupsAreRefused() throws Exception {
        Hierarchy v2 = hierarchy(null);
        try (TestCgroups cg = new TestCgroups(v2); Spawned sleeper = Spawned.start("sleep", "300")) {
            CgroupRef box = cg.create("guarded");
            CgroupRef home = cg.create("backend-home");
            // this backend moves itself into a test cgroup before it starts, so refusing to freeze or
            // kill "the cgroup the backend runs in" is tested without risking anything else
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "echo $$ > '" + home.dir().resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
            cmd.addAll(RootBackend.command(journal()));
            try (Backend b = ChildBackend.plain(cmd, Duration.ofSeconds(30), "test")) {
                long self = b.hello().backendPid();
                assertEquals(Long.toString(self), read(home, "cgroup.procs"));
                BackendException e = fails(b, Op.MOVE, new MoveArgs(box.notation(), List.of(1), false));
                assertEquals(ErrorCode.REFUSED, e.code());
                assertEquals("process 1 is PID 1, the init process; Corral never moves it", e.getMessage());
                e = fails(b, Op.MOVE, new MoveArgs(box.notation(), List.of(2), false));
                assertEquals("process 2 (kthreadd) is a kernel thread; the kernel keeps those where they are", e.getMessage());
                e = fails(b, Op.MOVE, new MoveArgs(box.notation(), List.of((int) self), false));
                assertEquals("process " + self + " is the Corral backend itself; it stays where it is", e.getMessage());
                e = fails(b, Op.MOVE, new MoveArgs(box.notation(), List.of(sleeper.pid(), 1), false));
                assertEquals(ErrorCode.REFUSED, e.code());
                assertEquals("", read(box, "cgroup.procs"), "no id of a refused list was moved");

                e = fails(b, Op.FREEZE, new CgroupArgs(home.notation()));
                assertEquals("refusing to freeze " + home.notation() + ": the Corral backend itself runs in it (" + home.path() + ")", e.getMessage());
                e = fails(b, Op.KILL, new CgroupArgs(cg.parent().notation()));
                assertEquals(ErrorCode.REFUSED, e.code());
                assertEquals("0", read(home, "cgroup.freeze"));

                b.call(Op.MOVE, new MoveArgs(box.notation(), List.of(sleeper.pid()), false));
                e = fails(b, Op.REMOVE, new CgroupArgs(box.notation()));
                assertEquals(ErrorCode.FAILED, e.code());
                assertTrue(e.getMessage().contains("still has 1 process"), e.getMessage());
                assertTrue(Files.isDirectory(box.dir()));

                ChangeResult frozen = b.call(Op.FREEZE, new CgroupArgs(box.notation()), ChangeResult.class);
                assertEquals("1", read(box, "cgroup.freeze"));
                b.call(Op.UNDO, new UndoArgs(frozen.journalSeq(), false));
                assertEquals("0", read(box, "cgroup.freeze"));
                ChangeResult killed = b.call(Op.KILL, new CgroupArgs(box.notation()), ChangeResult.class);
                assertEquals(1, killed.processes());
                assertEquals(137, sleeper.waitFor(10));
            }
        }
    }

    @Test
    void aFileSystemMountedInsideTheTreeAndSymlinksInItAreRefused() throws Exception {
        Hierarchy v2 = hierarchy(null);
        try (TestCgroups cg = new TestCgroups(v2); Backend b = RootBackend.start(journal())) {
            CgroupRef trap = cg.create("trap");
            Path mount = trap.dir();
            assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=755", "corral-test-trap", mount.toString())
                    .inheritIO().start().waitFor());
            try {
                Files.createDirectory(mount.resolve("dir"));
                Files.createSymbolicLink(mount.resolve("evil"), tmp);
                String base = trap.notation();
                BackendException e = fails(b, Op.CREATE, new CgroupArgs(base + "/evil/x"));
                assertEquals(ErrorCode.FAILED, e.code());
                assertTrue(e.getMessage().contains("goes through a symlink"), e.getMessage());
                e = fails(b, Op.CREATE, new CgroupArgs(base + "/dir/x"));
                assertEquals(ErrorCode.REFUSED, e.code());
                assertTrue(e.getMessage().contains("lies on another file system mounted inside the cgroup tree (tmpfs)"), e.getMessage());
                e = fails(b, Op.SET, new SetArgs(base + "/dir", Map.of("pids.max", "5")));
                assertEquals(ErrorCode.REFUSED, e.code());
                e = fails(b, Op.REMOVE, new CgroupArgs(base + "/dir"));
                assertEquals(ErrorCode.REFUSED, e.code());
                e = fails(b, Op.FREEZE, new CgroupArgs(base));
                assertEquals(ErrorCode.REFUSED, e.code(), "the mount point itself is tmpfs now");
                try (var files = Files.list(tmp)) {
                    assertEquals(List.of("corral"), files.map(p -> p.getFileName().toString()).toList(), "nothing made through the link");
                }
                try (var files = Files.list(mount.resolve("dir"))) {
                    assertEquals(0, files.count());
                }
            } finally {
                new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
            }
        }
    }
}
