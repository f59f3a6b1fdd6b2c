package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.corral.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The reader on files captured inside the pure cgroup-v2 user-mode-linux kernel (Linux 6.1,
 * src/test/uml/capture-fixtures.sh; CAPTURED.txt there says what was written).
 */
class UmlV2FixtureTest {
    private final Hierarchies hs = Hierarchies.detect(Fixtures.root("uml-v2"));
    private final CgroupReader reader = new CgroupReader();

    private CgroupStats stats(String cg) {
        return reader.read(hs.resolve(cg)).orElseThrow();
    }

    @Test
    void pureV2Layout() {
        assertEquals(HostLayout.UNIFIED, hs.layout());
        assertEquals("/sys/fs/cgroup", hs.unified().orElseThrow().mountPoint());
        assertTrue(hs.unified().get().controllers().containsAll(Set.of("cpu", "io", "memory", "pids")));
        assertEquals("memory", hs.forController("memory").orElseThrow().controllers().stream()
                .filter("memory"::equals).findFirst().orElseThrow());
    }

    @Test
    void limitsReadBackAsWritten() {
        CgroupStats s = stats("/corral-fixture");
        assertEquals(MemoryLimit.bytes(1048576), s.memory().min());
        assertEquals(MemoryLimit.bytes(2097152), s.memory().low());
        assertEquals(MemoryLimit.bytes(201326592), s.memory().high());
        assertEquals(MemoryLimit.bytes(256L << 20), s.memory().max());
        assertEquals(MemoryLimit.bytes(0), s.memory().swapMax());
        assertEquals("50000 100000", s.cpu().max().kernelValue());
        assertEquals(200, s.cpu().weight().value());
        assertEquals(CountLimit.of(64), s.pids().max());
        assertEquals(3, s.processes(), "cgroup.procs held three pids when captured");
        assertEquals(3L, s.pids().current());
        List<IoMax.Device> io = s.io().max();
        assertEquals(1, io.size());
        assertEquals(98, io.get(0).major());
        assertEquals(1048576L, io.get(0).rbps());
        assertNull(io.get(0).wbps());
        assertEquals(120L, io.get(0).wiops());
    }

    @Test
    void usageAndStat() {
        CgroupStats s = stats("/corral-fixture");
        assertTrue(s.memory().current() >= 16L << 20, "16 MiB were put in tmpfs: " + s.memory().current());
        assertTrue(s.memory().peak() >= s.memory().current());
        MemoryStat st = s.memory().stat();
        assertTrue(st.shmem() >= 16L << 20, "tmpfs pages are shmem");
        assertTrue(st.file() >= st.shmem(), "shmem is counted in file on v2");
        assertTrue(st.kernel() > 0);
        assertTrue(st.all().containsKey("anon"));
        CpuStat cpu = s.cpu().stat();
        assertTrue(cpu.nrPeriods() > 0);
        assertTrue(cpu.nrThrottled() > 0, "the capture throttled a busy loop at 50%");
        assertTrue(s.pids().current() >= 1);
        assertEquals(Set.of("cpu", "io", "memory", "pids"), stats("/").subtreeControl());
        assertNull(s.pressure(), "this UML kernel is built without CONFIG_PSI");
    }

    @Test
    void oomAndFrozen() {
        CgroupStats oom = stats("/corral-fixture-oom");
        assertEquals(MemoryLimit.bytes(8L << 20), oom.memory().max());
        assertEquals(1, oom.memory().events().oomKill());
        assertTrue(oom.memory().events().max() > 0);
        assertFalse(oom.populated());
        CgroupStats frozen = stats("/corral-fixture-frozen");
        assertTrue(frozen.frozen());
        assertTrue(frozen.populated());
    }
}
