package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.corral.testkit.Require;
import org.corral.testkit.Spawned;
import org.corral.testkit.TestCgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write layer on this host's real cgroup-v2 hierarchy (on the CI host: /sys/fs/cgroup/unified
 * with no controllers but hugetlb, so core features only: create, move, freeze, kill, cpu.stat).
 * Only cgroups and processes the test made are touched.
 */
class HostV2IT {
    private final CgroupWriter writer = new CgroupWriter();
    private final CgroupReader reader = new CgroupReader();
    private TestCgroups cgroups;

    @BeforeEach
    void setUp() {
        Require.root();
        Hierarchies hs = Hierarchies.detect();
        Require.that(hs.unified().isPresent(), "a cgroup v2 hierarchy is mounted");
        cgroups = new TestCgroups(hs.unified().get());
    }

    @AfterEach
    void tearDown() {
        if (cgroups != null) cgroups.close();
    }

    private CgroupStats stats(CgroupRef ref) {
        return reader.read(ref).orElseThrow();
    }

    private static String v2LineOf(int pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
                .filter(l -> l.startsWith("0::")).findFirst().orElseThrow().substring(3);
    }

    /** The scanner trusts kernfs's directory link count (2 + sub-directories) to skip leaves. */
    @Test
    void scanFindsEveryCgroupOfANestedTreeOnKernfs() throws Exception {
        List<String> made = List.of("a", "b", "b/x", "b/y", "b/y/z", "b/y/z/deep", "c.with.dot");
        for (String m : made) cgroups.create(m);
        assertEquals(2 + 3, ((Number) Files.getAttribute(cgroups.parent().dir(), "unix:nlink")).intValue(),
                "kernfs: link count of a directory = 2 + its sub-directories");
        CgroupNode top = new CgroupScanner().scan(cgroups.parent().hierarchy(), cgroups.parent().path()).orElseThrow();
        String base = cgroups.parent().path().toString();
        List<String> scanned = top.flatten().skip(1).map(n -> n.path().toString().substring(base.length() + 1)).sorted().toList();
        assertEquals(made.stream().sorted().toList(), scanned);
        assertTrue(top.flatten().allMatch(n -> n.stats().cpu() != null && n.stats().cpu().stat() != null), "cpu.stat read everywhere");
    }

    @Test
    void createMoveRemoveAndKill() throws Exception {
        CgroupRef a = cgroups.ref("a");
        writer.create(a);
        assertTrue(Files.isDirectory(a.dir()));
        CgroupException dup = assertThrows(CgroupException.class, () -> writer.create(a));
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());

        try (Spawned sleep = Spawned.start("sleep", "300")) {
            FileChange change = writer.move(a, sleep.pid());
            assertEquals("/", change.before());
            assertEquals(a.path().toString(), v2LineOf(sleep.pid()));
            CgroupStats s = stats(a);
            assertEquals(1, s.processes());
            assertTrue(s.populated());

            CgroupException populated = assertThrows(CgroupException.class, () -> writer.remove(a));
            assertTrue(populated.getMessage().contains("still has 1 process"), populated.getMessage());
            assertTrue(Files.isDirectory(a.dir()), "a refused remove changes nothing");

            assertEquals(1, writer.kill(a));
            assertEquals(137, sleep.waitFor(10), "SIGKILL");
        }
        for (int i = 0; i < 100 && stats(a).populated(); i++) Thread.sleep(20);
        assertFalse(stats(a).populated());
        writer.remove(a);
        assertFalse(Files.exists(a.dir()));
    }

    @Test
    void freezeStopsABusyLoopAndCpuStatGrows() throws Exception {
        CgroupRef a = cgroups.create("busy");
        try (Spawned loop = Spawned.busyLoop()) {
            writer.move(a, loop.pid());
            long u0 = stats(a).cpu().stat().usageUsec();
            Thread.sleep(400);
            long u1 = stats(a).cpu().stat().usageUsec();
            assertTrue(u1 - u0 > 50_000, "cpu.stat usage_usec grows while the loop runs: " + u0 + " -> " + u1);

            writer.freeze(a);
            for (int i = 0; i < 100 && !stats(a).frozen(); i++) Thread.sleep(20);
            assertTrue(stats(a).frozen(), "cgroup.events frozen 1");
            long f0 = loop.cpuTicks();
            Thread.sleep(500);
            assertEquals(f0, loop.cpuTicks(), "a frozen process gets no CPU");

            writer.thaw(a);
            Thread.sleep(400);
            assertFalse(stats(a).frozen());
            assertTrue(loop.cpuTicks() > f0, "thawed, it runs again");
        }
    }

    @Test
    void refusalsSayWhyAndChangeNothing() throws Exception {
        CgroupRef a = cgroups.create("r");
        // memory is not offered in this v2 hierarchy on a hybrid host (or not enabled for it)
        CgroupException e = assertThrows(CgroupException.class, () -> writer.set(a, "memory.max", "30M"));
        assertTrue(e.getMessage().contains("memory.max is not available"), e.getMessage());
        assertFalse(Files.exists(a.dir().resolve("memory.max")));

        InvalidValueException bad = assertThrows(InvalidValueException.class, () -> writer.set(a, "memory.max", "2Q"));
        assertTrue(bad.getMessage().contains("'2Q' is not a size"), bad.getMessage());
        assertThrows(InvalidValueException.class, () -> writer.set(a, "cgroup.procs", "1"));

        CgroupException gone = assertThrows(CgroupException.class, () -> writer.move(a, 999_999_999));
        assertTrue(gone.getMessage().contains("no process 999999999"), gone.getMessage());
        assertEquals("", Files.readString(a.dir().resolve("cgroup.procs")));

        CgroupException missing = assertThrows(CgroupException.class, () -> writer.remove(cgroups.ref("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        String ctrls = Files.readString(a.dir().resolve("cgroup.controllers")).strip();
        if (!List.of(ctrls.split(" ")).contains("memory")) {
            CgroupException en = assertThrows(CgroupException.class, () -> writer.enable(a, List.of("+memory")));
            assertTrue(en.getMessage().contains("memory is not available"), en.getMessage());
            assertTrue(en.getMessage().contains("ENOENT"), en.getMessage());
        }
        assertThrows(InvalidValueException.class, () -> writer.enable(a, List.of("memory")));
        assertEquals("", Files.readString(a.dir().resolve("cgroup.subtree_control")).strip());
    }

    @Test
    void rootIsProtected() {
        CgroupRef root = new CgroupRef(cgroups.parent().hierarchy(), CgroupPath.ROOT);
        assertThrows(CgroupException.class, () -> writer.remove(root));
        assertThrows(CgroupException.class, () -> writer.kill(root));
        assertThrows(CgroupException.class, () -> writer.freeze(root));
        assertThrows(CgroupException.class, () -> writer.set(root, "pids.max", "10"));
    }
}
