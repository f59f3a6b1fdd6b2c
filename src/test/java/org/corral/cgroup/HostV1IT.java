package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.Test;

/**
 * The write layer on this host's real v1 hierarchies. Test cgroups are made below the test
 * process's own cgroup in each hierarchy; only processes the test started are moved.
 */
class HostV1IT {
    private final CgroupWriter writer = new CgroupWriter();
    private final CgroupReader reader = new CgroupReader();

    private static Hierarchy v1(String controller) {
        Require.root();
        var h = Hierarchies.detect().v1For(controller);
        Require.that(h.isPresent(), "a cgroup v1 hierarchy with the " + controller + " controller is mounted");
        return h.get();
    }

    private static String read(CgroupRef ref, String file) {
        try {
            return Files.readString(ref.dir().resolve(file)).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CgroupStats stats(CgroupRef ref) {
        return reader.read(ref).orElseThrow();
    }

    @Test
    void memoryLimitOomKillsAnAllocator() throws Exception {
        try (TestCgroups cg = new TestCgroups(v1("memory"))) {
            CgroupRef box = cg.create("oom");
            writer.set(box, "memory.max", "30M");
            assertEquals("31457280", Files.readString(box.dir().resolve("memory.limit_in_bytes")).strip());
            // (memsw is left alone: with memsw == limit this kernel counts neither failcnt)
            assertEquals(MemoryLimit.bytes(30L << 20), stats(box).memory().max());
            // tail buffers /dev/zero looking for a newline that never comes: it grows until stopped
            try (Spawned hog = Spawned.gated("exec tail /dev/zero")) {
                writer.move(box, hog.pid());
                hog.go();
                assertEquals(137, hog.waitFor(60), "the allocator dies by SIGKILL from the OOM killer");
            }
            CgroupStats s = stats(box);
            assertTrue(s.memory().oomControl().oomKill() >= 1, "memory.oom_control oom_kill counts it");
            assertTrue(s.memory().failcnt() > 0, "memory.failcnt counts hitting the limit");
            assertTrue(s.memory().events().max() > 0);
            assertTrue(s.memory().events().oomKill() >= 1);
        }
    }

    @Test
    void cpuMaxThrottles() throws Exception {
        try (TestCgroups cg = new TestCgroups(v1("cpu"))) {
            CgroupRef box = cg.create("throttle");
            var changes = writer.set(box, "cpu.max", "20%");
            assertEquals(2, changes.size());
            assertEquals("20000", Files.readString(box.dir().resolve("cpu.cfs_quota_us")).strip());
            assertEquals("20000 100000", stats(box).cpu().max().kernelValue());
            writer.set(box, "cpu.weight", "50");
            assertEquals("512", Files.readString(box.dir().resolve("cpu.shares")).strip());
            try (Spawned loop = Spawned.busyLoop()) {
                writer.move(box, loop.pid());
                Thread.sleep(1000);
                CpuStat st = stats(box).cpu().stat();
                assertTrue(st.nrPeriods() > 0 && st.nrThrottled() > 0, "throttled: " + st);
            }
        }
    }

    @Test
    void freezerStopsABusyLoop() throws Exception {
        try (TestCgroups cg = new TestCgroups(v1("freezer"))) {
            CgroupRef box = cg.create("ice");
            try (Spawned loop = Spawned.busyLoop()) {
                writer.move(box, loop.pid());
                writer.freeze(box);
                for (int i = 0; i < 100 && !"FROZEN".equals(stats(box).freezerState()); i++) Thread.sleep(20);
                assertEquals("FROZEN", stats(box).freezerState());
                long t0 = loop.cpuTicks();
                Thread.sleep(500);
                assertEquals(t0, loop.cpuTicks());
                writer.thaw(box);
                Thread.sleep(300);
                assertEquals("THAWED", stats(box).freezerState());
                assertTrue(loop.cpuTicks() > t0);
                // v1 kill signals each member
                assertEquals(1, writer.kill(box));
                assertEquals(137, loop.waitFor(10));
            }
        }
    }

    @Test
    void pidsMaxRefusesAFork() throws Exception {
        try (TestCgroups cg = new TestCgroups(v1("pids"))) {
            CgroupRef box = cg.create("few");
            writer.set(box, "pids.max", "1");
            try (Spawned sh = Spawned.gated("/bin/true; echo forked")) {
                writer.move(box, sh.pid());
                sh.go();
                int code = sh.waitFor(10);
                String out = sh.output();
                assertNotEquals(0, code, out);
                assertTrue(!out.contains("forked") || code != 0, out);
            }
        }
    }

    @Test
    void aSingleThreadMovesThroughTasks() throws Exception {
        try (TestCgroups cg = new TestCgroups(v1("cpu"))) {
            CgroupRef box = cg.create("one-thread");
            java.nio.file.Path src = java.nio.file.Files.createTempFile("TwoThreads", ".java");
            java.nio.file.Files.writeString(src, "public class TwoThreads { public static void main(String[] a) throws Exception {"
                    + " Thread t = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }, \"worker\");"
                    + " t.start(); System.out.println(\"ready\"); System.out.flush(); t.join(); } }");
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try (Spawned p = Spawned.start(javaBin, "-Xshare:auto", "-XX:TieredStopAtLevel=1", src.toString())) {
                // wait for "ready" (the JVM may print warnings first: stderr is merged)
                var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.process().getInputStream()));
                String line;
                while ((line = lines.readLine()) != null && !line.equals("ready")) {
                    System.err.println("child: " + line);
                }
                assertEquals("ready", line, "the two-thread child started");
                int worker = -1;
                // the new thread names itself once it runs, which may be after "ready": poll
                for (int tries = 0; tries < 250 && worker < 0; tries++, Thread.sleep(worker < 0 ? 20 : 0))
                for (var task : java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + p.pid() + "/task")).toList()) {
                    if (java.nio.file.Files.readString(task.resolve("comm")).strip().equals("worker")) {
                        worker = Integer.parseInt(task.getFileName().toString());
                    }
                }
                assertTrue(worker > 0, "found the worker thread");
                writer.moveThread(box, worker);
                String tasks = read(box, "tasks");
                assertEquals(String.valueOf(worker), tasks, "only the one thread moved");
                // v1: tasks lists threads, cgroup.procs the processes (TGIDs) with a thread here
                assertEquals(String.valueOf(p.pid()), read(box, "cgroup.procs"));
                assertEquals(1, stats(box).threads());
                assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/task/" + p.pid() + "/cgroup"))
                        .lines().noneMatch(l -> l.endsWith(box.path().toString())), "the main thread stayed where it was");
            } finally {
                java.nio.file.Files.deleteIfExists(src);
            }
        }
    }

    @Test
    void v1RefusalsExplain() {
        try (TestCgroups cg = new TestCgroups(v1("memory"))) {
            CgroupRef box = cg.create("x");
            Require.that(Files.exists(box.dir().resolve("memory.memsw.limit_in_bytes")), "swap accounting (memory.memsw.*)");
            CgroupException noLimit = assertThrows(CgroupException.class, () -> writer.set(box, "memory.swap.max", "0"));
            assertTrue(noLimit.getMessage().contains("set memory.max first"), noLimit.getMessage());
            writer.set(box, "memory.max", "64M");
            writer.set(box, "memory.swap.max", "16M");
            assertEquals(Long.toString(80L << 20), read(box, "memory.memsw.limit_in_bytes"), "memsw = memory + swap");
            assertEquals(MemoryLimit.bytes(16L << 20), stats(box).memory().swapMax());
            writer.set(box, "memory.low", "32M");
            assertEquals(Long.toString(32L << 20), read(box, "memory.soft_limit_in_bytes"));
            CgroupException high = assertThrows(CgroupException.class, () -> writer.set(box, "memory.high", "1G"));
            assertTrue(high.getMessage().contains("no cgroup v1 equivalent"), high.getMessage());
            CgroupException wrong = assertThrows(CgroupException.class, () -> writer.set(box, "cpu.max", "50%"));
            assertTrue(wrong.getMessage().contains("cpu:"), wrong.getMessage());
            CgroupException en = assertThrows(CgroupException.class, () -> writer.enable(box, java.util.List.of("+memory")));
            assertTrue(en.getMessage().contains("only on cgroup v2"), en.getMessage());
        }
    }
}
