package org.corral.uml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.HostLayout;
import org.corral.cgroup.MemoryLimit;
import org.corral.cli.CorralCli;
import org.corral.protocol.CorralJson;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The core's reader and writer on a pure cgroup-v2 kernel with the memory, cpu, io and pids
 * controllers: what the hybrid CI host cannot show.
 */
@Tag("uml")
class CgroupV2KernelTest {
    private final CgroupWriter writer = new CgroupWriter();
    private final CgroupReader reader = new CgroupReader();
    private Hierarchies hs;
    private TestCgroups cgroups;

    @BeforeEach
    void setUp() {
        UmlGuest.requireInUml();
        hs = Hierarchies.detect();
        cgroups = new TestCgroups(hs.unified().orElseThrow());
        // the parent hands every controller down, as a Corral launch parent would
        writer.enable(cgroups.parent(), List.of("+memory", "+cpu", "+pids", "+io"));
    }

    @AfterEach
    void tearDown() {
        if (cgroups != null) cgroups.close();
    }

    private CgroupStats stats(CgroupRef ref) {
        return reader.read(ref).orElseThrow();
    }

    @Test
    void layoutAndEnabledControllers() {
        assertEquals(HostLayout.UNIFIED, hs.layout());
        assertTrue(hs.v1().isEmpty());
        assertEquals(Set.of("cpu", "io", "memory", "pids"), stats(cgroups.parent()).subtreeControl());
        CgroupRef a = cgroups.create("a");
        assertTrue(stats(a).controllers().containsAll(Set.of("cpu", "io", "memory", "pids")));
        assertTrue(Files.exists(a.dir().resolve("memory.max")));
        var off = writer.enable(cgroups.parent(), List.of("-io"));
        assertFalse(off.after().contains("io"), off.after());
    }

    @Test
    void noInternalProcessRuleIsExplained() throws Exception {
        CgroupRef busy = cgroups.create("has-procs");
        try (Spawned sleep = Spawned.start("sleep", "300")) {
            writer.move(busy, sleep.pid());
            CgroupException e = assertThrows(CgroupException.class, () -> writer.enable(busy, List.of("+memory")));
            assertTrue(e.getMessage().contains("EBUSY"), e.getMessage());
            assertTrue(e.getMessage().contains("no internal processes"), e.getMessage());
            assertEquals("", Files.readString(busy.dir().resolve("cgroup.subtree_control")).strip(), "nothing changed");

            // and the other way round: a cgroup handing controllers down takes no process
            CgroupException m = assertThrows(CgroupException.class, () -> writer.move(cgroups.parent(), sleep.pid()));
            assertTrue(m.getMessage().contains("no internal processes"), m.getMessage());
        }
    }

    @Test
    void memoryMaxOomKillsAnAllocatorAndEventsCountIt() throws Exception {
        CgroupRef box = cgroups.create("oom");
        writer.set(box, "memory.max", "30M");
        writer.set(box, "memory.swap.max", "0");
        writer.set(box, "memory.high", "max");
        assertEquals("31457280", Files.readString(box.dir().resolve("memory.max")).strip());
        try (Spawned hog = Spawned.gated("exec tail /dev/zero")) {
            writer.move(box, hog.pid());
            hog.go();
            assertEquals(137, hog.waitFor(120), "killed by the OOM killer");
        }
        CgroupStats s = stats(box);
        assertTrue(s.memory().events().oomKill() >= 1, "memory.events oom_kill: " + s.memory().events());
        assertTrue(s.memory().events().max() >= 1);
        assertTrue(s.memory().peak() <= 31457280L + 4096, "memory.peak stays at the cap: " + s.memory().peak());
    }

    @Test
    void cpuMaxThrottles() throws Exception {
        CgroupRef box = cgroups.create("cpu");
        writer.set(box, "cpu.max", "20%");
        writer.set(box, "cpu.weight", "50");
        assertEquals("20000 100000", stats(box).cpu().max().kernelValue());
        try (Spawned loop = Spawned.busyLoop()) {
            writer.move(box, loop.pid());
            Thread.sleep(1500);
            var st = stats(box).cpu().stat();
            assertTrue(st.nrThrottled() > 0, "nr_throttled grows: " + st);
            assertTrue(st.throttledUsec() > 0);
        }
    }

    @Test
    void pidsMaxRefusesAFork() throws Exception {
        CgroupRef box = cgroups.create("pids");
        writer.set(box, "pids.max", "1");
        try (Spawned sh = Spawned.gated("/bin/true && echo forked")) {
            writer.move(box, sh.pid());
            sh.go();
            int code = sh.waitFor(30);
            String out = sh.output();
            assertNotEquals(0, code, out);
            assertFalse(out.contains("forked"), out);
        }
        assertTrue(Files.readString(box.dir().resolve("pids.events")).contains("max 1"), "pids.events counts the refusal");
    }

    @Test
    void cgroupKillEndsEveryMember() throws Exception {
        CgroupRef box = cgroups.create("kill");
        try (Spawned a = Spawned.start("sleep", "300"); Spawned b = Spawned.start("sleep", "300")) {
            writer.move(box, a.pid());
            writer.move(box, b.pid());
            assertEquals(2, writer.kill(box));
            assertEquals(137, a.waitFor(10));
            assertEquals(137, b.waitFor(10));
        }
        for (int i = 0; i < 100 && stats(box).populated(); i++) Thread.sleep(20);
        assertFalse(stats(box).populated());
        writer.remove(box);
    }

    @Test
    void corralTreeJsonShowsTheValues() throws Exception {
        CgroupRef box = cgroups.create("shown");
        writer.set(box, "memory.max", "30M");
        writer.set(box, "memory.high", "20M");
        writer.set(box, "pids.max", "42");
        writer.set(box, "cpu.max", "50%");
        StringWriter out = new StringWriter();
        CommandLine cl = CorralCli.newCommandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("tree", "--json", cgroups.parent().path().toString()));
        JsonNode doc = CorralJson.mapper().readTree(out.toString());
        assertEquals("UNIFIED", doc.get("layout").asText());
        JsonNode root = doc.get("hierarchies").get(0).get("root");
        JsonNode node = null;
        for (JsonNode c : root.get("children")) if (c.get("name").asText().equals("shown")) node = c;
        assertTrue(node != null, out.toString());
        assertEquals(31457280L, node.get("memory").get("max").asLong());
        assertEquals(20971520L, node.get("memory").get("high").asLong());
        assertEquals("max", node.get("memory").get("swapMax").asText());
        assertEquals(42, node.get("pids").get("max").asInt());
        assertEquals(50000, node.get("cpu").get("max").get("quotaUsec").asLong());
        assertTrue(node.get("memory").get("current").isNumber());
        assertEquals(MemoryLimit.bytes(30L << 20), stats(box).memory().max());
    }
}
