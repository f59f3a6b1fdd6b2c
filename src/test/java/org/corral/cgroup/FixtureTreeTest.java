package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.corral.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** The scanner and reader on the cgroup tree captured from this host (scripts/capture-cgroup-fixture.sh). */
class FixtureTreeTest {
    private final Hierarchies hs = Hierarchies.detect(Fixtures.root("host-hybrid"));
    private final CgroupScanner scanner = new CgroupScanner();

    private CgroupStats stats(String notation) {
        return new CgroupReader().read(hs.resolve(notation)).orElseThrow();
    }

    @Test
    void treeHasExactlyTheDirectories() throws IOException {
        for (Hierarchy h : hs.all()) {
            Set<String> expected;
            try (Stream<Path> s = Files.walk(h.dir())) {
                expected = s.filter(Files::isDirectory).map(p -> "/" + h.dir().relativize(p).toString())
                        .map(p -> p.equals("/") ? "/" : p).collect(Collectors.toSet());
            }
            Set<String> scanned = scanner.scan(h).orElseThrow().flatten().map(n -> n.path().toString()).collect(Collectors.toSet());
            assertEquals(expected, scanned, h.mountPoint());
        }
    }

    @Test
    void v1MemoryLimitAndUsage() {
        String own = "memory:/process_api/7ee41802d6884ad1c2c91062e075f910/corral-fixture";
        CgroupStats s = stats(own);
        assertEquals(CgroupVersion.V1, s.version());
        assertEquals(MemoryLimit.bytes(256L << 20), s.memory().max());
        assertTrue(s.memory().softLimit().isMax());
        // v1 does not move charges with a process (memory.move_charge_at_immigrate 0): usage stays 0
        assertEquals(0L, s.memory().current());
        assertEquals(1, s.processes());
        assertNotNull(s.memory().oomControl());
        assertNotNull(s.memory().swapMax());
        assertNull(s.memory().high(), "v1 has no memory.high");
    }

    @Test
    void v1FreezerCpuPids() {
        CgroupStats fz = stats("freezer:/corral-fixture");
        assertEquals("FROZEN", fz.freezerState());
        assertTrue(fz.frozen());
        CgroupStats cpu = stats("cpu:/corral-fixture");
        assertEquals("50000 100000", cpu.cpu().max().kernelValue());
        assertEquals(512L, cpu.cpu().sharesV1());
        assertEquals(50, cpu.cpu().weight().value());
        CgroupStats pids = stats("pids:/corral-fixture");
        assertEquals(CountLimit.of(20), pids.pids().max());
        assertEquals(1L, pids.pids().current());
        CgroupStats root = stats("pids:/");
        assertNull(root.pids(), "the v1 root has no pids.* files");
        assertEquals("", root.releaseAgent());
        assertFalse(root.notifyOnRelease());
        assertNull(stats("pids:/corral-fixture").releaseAgent(), "release_agent is in the top cgroup only");
    }

    @Test
    void v2BareHierarchy() {
        CgroupStats root = stats("/");
        assertEquals(Set.of("hugetlb"), root.controllers());
        assertTrue(root.processes() > 0);
        assertNotNull(root.pressure().memory());
        CgroupStats child = stats("/corral-fixture");
        assertEquals("domain", child.type());
        assertTrue(child.populated());
        assertFalse(child.frozen());
        assertNull(child.memory(), "no memory controller in this v2 hierarchy");
        assertNotNull(child.cpu().stat(), "cpu.stat is a core file on v2");
    }

    @Test
    void vanishedCgroupIsEmptyNotAnError() {
        assertTrue(new CgroupReader().read(hs.resolve("/no-such-cgroup")).isEmpty());
        assertTrue(scanner.scan(hs.unified().orElseThrow(), CgroupPath.parse("/gone")).isEmpty());
    }
}
