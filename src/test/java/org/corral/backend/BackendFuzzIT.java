package org.corral.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.protocol.CorralJson;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 100,000 generated request lines (see {@link FuzzRequests}) sent to the built backend
 * running as root on the real cgroupfs. Afterwards the backend is alive and answered every line
 * (in order, each with a result or an error, never "internal"), every line that had to be refused
 * was, and nothing outside the test's cgroups changed: the writable cgroup files, the cgroup
 * directories, the cgroups of PID 1 and of a bystander process, and the directory a symlink in
 * the trap points to. The seed is printed; -Dcorral.fuzz.seed=N replays a run.
 */
class BackendFuzzIT {
    private static final int LINES = Integer.getInteger("corral.fuzz.lines", 100_000);

    @TempDir
    Path tmp;

    @Test
    void hundredThousandGeneratedRequests() throws Exception {
        Require.root();
        Hierarchies hs = Hierarchies.detect();
        Require.that(hs.unified().isPresent(), "a cgroup v2 hierarchy (the trap is built there)");
        long seed = Long.getLong("corral.fuzz.seed", System.nanoTime());
        System.out.println("BackendFuzzIT seed " + seed + " (replay with -Dcorral.fuzz.seed=" + seed + ")");

        List<TestCgroups> tcs = new ArrayList<>();
        List<FuzzRequests.Tree> trees = new ArrayList<>();
        List<Spawned> sleepers = new ArrayList<>();
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path trapMount = null;
        try (Spawned bystander = Spawned.start("sleep", "600")) {
            for (Hierarchy h : hs.all()) {
                List<String> keys = h.isV2() ? List.of("memory.max", "pids.max", "cpu.max", "cpu.weight")
                        : h.has("memory") ? List.of("memory.max", "memory.low", "memory.swap.max", "memory.high")
                        : h.has("cpu") ? List.of("cpu.max", "cpu.weight")
                        : h.has("pids") ? List.of("pids.max")
                        : h.has("freezer") ? List.of("pids.max") : null;
                if (keys == null) continue;
                TestCgroups tc = new TestCgroups(h);
                tcs.add(tc);
                tc.create("a/b");
                tc.create("c");
                trees.add(new FuzzRequests.Tree(tc.parent().notation(), tc.parent(), h.isV2(), keys));
                if (h.isV2()) {
                    trapMount = tc.create("trap").dir();
                    assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=755", "corral-fuzz-trap",
                            trapMount.toString()).inheritIO().start().waitFor());
                    Files.createDirectory(trapMount.resolve("d"));
                    Files.createSymbolicLink(trapMount.resolve("evil"), outside);
                }
            }
            Require.that(tcs.size() >= 2, "v2 and at least one v1 hierarchy with memory, cpu, pids or freezer");
            for (int i = 0; i < 8; i++) sleepers.add(Spawned.start("sleep", "600"));

            Set<Path> testDirs = new HashSet<>();
            for (TestCgroups tc : tcs) testDirs.add(tc.parent().dir());
            HostSnapshot before = HostSnapshot.take(hs.all(), testDirs);
            String pid1Cgroups = Files.readString(Path.of("/proc/1/cgroup"));
            String bystanderCgroups = Files.readString(Path.of("/proc/" + bystander.pid() + "/cgroup"));

            Path journal = tmp.resolve("corral/journal.jsonl");
            Path stderr = tmp.resolve("backend.stderr");
            Process backend = new ProcessBuilder(RootBackend.command(journal)).redirectError(stderr.toFile()).start();
            int kthread = kernelThreadOtherThanKthreadd();
            int absent = 4_194_000;
            while (Files.exists(Path.of("/proc/" + absent))) absent--;
            List<Integer> pids = new ArrayList<>();
            for (Spawned s : sleepers) pids.add(s.pid());
            pids.addAll(List.of(1, 2, kthread, (int) backend.pid(), absent));

            AtomicLong lastSeq = new AtomicLong();
            FuzzRequests gen = new FuzzRequests(seed, hs, trees, pids, lastSeq);
            LinkedBlockingQueue<FuzzRequests.Line> sent = new LinkedBlockingQueue<>();
            List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
            Map<String, Integer> okByOp = new java.util.concurrent.ConcurrentSkipListMap<>();
            Map<String, Integer> codes = new java.util.concurrent.ConcurrentSkipListMap<>();
            AtomicLong answered = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(backend.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        JsonNode a = CorralJson.mapper().readTree(line);
                        if (!a.has("id") && a.has("event")) continue; // pushed events
                        FuzzRequests.Line q = sent.poll(60, TimeUnit.SECONDS);
                        long n = answered.incrementAndGet();
                        if (q == null) {
                            problems.add("answer " + n + " has no request: " + line);
                            continue;
                        }
                        check(q, a, n, problems, okByOp, codes, lastSeq);
                    }
                } catch (Exception e) {
                    problems.add("reading answers failed: " + e);
                }
            });
            reader.start();

            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(backend.getOutputStream(), 1 << 16)) {
                for (int i = 0; i < LINES; i++) {
                    FuzzRequests.Line l = gen.next();
                    sent.add(l);
                    out.write(l.bytes());
                    out.write('\n');
                }
                // the last line: the backend is alive and still answers
                FuzzRequests.Line ping = new FuzzRequests.Line("{\"id\":\"last\",\"op\":\"ping\"}".getBytes(), CorralJson.mapper().readTree("\"last\""),
                        true, false, "final-ping");
                sent.add(ping);
                out.write(ping.bytes());
                out.write('\n');
            }
            reader.join(TimeUnit.MINUTES.toMillis(3));
            double seconds = (System.nanoTime() - t0) / 1e9;
            boolean exited = backend.waitFor(30, TimeUnit.SECONDS);
            String err = Files.readString(stderr);
            System.out.printf("BackendFuzzIT: %d lines in %.1f s; kinds %s; dropped by the oracle %d; answers by code %s; ok by op %s%n",
                    LINES + 1, seconds, gen.kinds, gen.dropped, codes, okByOp);

            assertTrue(problems.isEmpty(), problems.size() + " problems, first: " + problems.subList(0, Math.min(20, problems.size())));
            assertEquals(LINES + 1, answered.get(), "every line was answered");
            assertEquals("ok", codes.keySet().stream().filter(c -> c.equals("internal")).findAny().orElse("ok"));
            assertTrue(exited, "the backend exits when its input ends");
            assertEquals(0, backend.exitValue(), "clean exit; stderr: " + err);
            assertTrue(!err.contains("internal error"), err);
            for (String op : List.of("create", "remove", "set", "move", "freeze", "thaw", "undo", "kill")) {
                assertTrue(okByOp.getOrDefault(op, 0) > 0, "the fuzz reached the kernel with '" + op + "': " + okByOp);
            }

            HostSnapshot after = HostSnapshot.take(hs.all(), testDirs);
            List<String> diff = before.differences(after, gen.namesUsed());
            assertTrue(diff.isEmpty(), "outside the test cgroups: " + diff);
            assertEquals(pid1Cgroups, Files.readString(Path.of("/proc/1/cgroup")), "PID 1 stayed where it was");
            assertEquals(bystanderCgroups, Files.readString(Path.of("/proc/" + bystander.pid() + "/cgroup")), "the bystander too");
            assertTrue(bystander.process().isAlive(), "and is alive");
            try (var s = Files.list(outside)) {
                assertEquals(0, s.count(), "nothing was made through the trap's symlink");
            }
            try (var s = Files.list(trapMount.resolve("d"))) {
                assertEquals(0, s.count(), "nothing was made in the tmpfs inside the tree");
            }
        } finally {
            if (trapMount != null) new ProcessBuilder("umount", trapMount.toString()).inheritIO().start().waitFor();
            for (Spawned s : sleepers) s.close();
            for (TestCgroups tc : tcs) tc.close();
        }
    }

    private static void check(FuzzRequests.Line q, JsonNode a, long n, List<String> problems, Map<String, Integer> okByOp,
                              Map<String, Integer> codes, AtomicLong lastSeq) {
        String req = q.bytes().length > 300 ? new String(q.bytes(), 0, 300, StandardCharsets.UTF_8) + "..." : new String(q.bytes(), StandardCharsets.UTF_8);
        if (!a.isObject() || !a.has("id") || a.has("result") == a.has("error")) {
            problems.add("line " + n + " (" + q.kind() + "): not an answer: " + a + " to " + req);
            return;
        }
        JsonNode id = a.get("id");
        if (q.exactId() ? !id.equals(q.id()) : !(id.isNull() || id.equals(q.id()))) {
            problems.add("line " + n + " (" + q.kind() + "): answer id " + id + ", request id " + q.id() + ": " + req);
        }
        if (a.has("error")) {
            String code = a.get("error").path("code").asText();
            String message = a.get("error").path("message").asText();
            codes.merge(code, 1, Integer::sum);
            if (message.isBlank() || message.chars().anyMatch(c -> c < 0x20)) problems.add("line " + n + ": unclear message " + a);
            if (code.equals("internal")) problems.add("line " + n + ": internal error " + a + " for " + req);
        } else {
            codes.merge("ok", 1, Integer::sum);
            if (q.mustFail()) problems.add("line " + n + " (" + q.kind() + ") had to be refused, but: " + a + " for " + req);
            JsonNode seq = a.get("result").get("journalSeq");
            if (seq != null) {
                lastSeq.accumulateAndGet(seq.asLong(), Math::max);
                try {
                    String op = CorralJson.mapper().readTree(q.bytes()).get("op").asText();
                    okByOp.merge(op, 1, Integer::sum);
                } catch (Exception e) {
                    problems.add("line " + n + ": answered ok but not JSON: " + req);
                }
            }
        }
    }

    private static int kernelThreadOtherThanKthreadd() throws Exception {
        for (int pid = 3; pid < 200; pid++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) continue;
            if (org.corral.proc.ProcStat.parse(Files.readAllBytes(stat)).isKernelThreadFlag()) return pid;
        }
        throw new IllegalStateException("no kernel thread found below pid 200");
    }
}
