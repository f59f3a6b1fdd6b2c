package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.corral.testkit.Fixtures;
import org.junit.jupiter.api.Test;

/** Each parser on a file captured from this CI host (hybrid: v1 controllers + bare v2). */
class KernelFileParsersTest {
    private static final String HOST = "host-hybrid";
    private static final String CG = "/sys/fs/cgroup";

    private static String host(String path) {
        return Fixtures.read(HOST, CG + path);
    }

    @Test
    void v2CpuStatOnTheBareUnifiedRoot() {
        String text = host("/unified/cpu.stat");
        CpuStat s = CpuStat.parse(text);
        assertTrue(s.usageUsec() > 0, text);
        assertEquals(s.usageUsec(), s.userUsec() + s.systemUsec(), s.usageUsec() / 50.0 + 2);
    }

    @Test
    void pressureHasSomeAndFull() {
        Pressure p = Pressure.parse(host("/unified/memory.pressure"));
        assertNotNull(p.some());
        assertNotNull(p.full());
        assertTrue(p.some().totalUsec() >= p.full().totalUsec());
        Pressure synthetic = Pressure.parse("some avg10=1.50 avg60=0.25 avg300=0.00 total=12345\n");
        assertEquals(1.5, synthetic.some().avg10(), 1e-9);
        assertEquals(12345, synthetic.some().totalUsec());
        assertNull(synthetic.full());
    }

    @Test
    void cgroupEventsOfACapturedChild() {
        CgroupEvents e = CgroupEvents.parse(host("/unified/corral-fixture/cgroup.events"));
        assertTrue(e.populated());
        assertFalse(e.frozen());
    }

    @Test
    void v1MemoryFiles() {
        String own = "/memory/process_api";
        MemoryStat stat = MemoryStat.parseV1(host("/memory/memory.stat"), host("/memory/memory.kmem.usage_in_bytes"));
        assertTrue(stat.all().containsKey("rss") && stat.all().containsKey("cache"), stat.all().toString());
        assertEquals(stat.all().get("rss"), stat.anon());
        OomControl oom = OomControl.parse(host("/memory/memory.oom_control"));
        assertFalse(oom.oomKillDisabled());
        assertTrue(MemoryLimit.parseV1(host(own + "/memory.limit_in_bytes")).isMax());
    }

    @Test
    void v1CpuFilesOfACapturedChild() {
        CpuMax m = CpuMax.fromV1(host("/cpu/corral-fixture/cpu.cfs_quota_us"), host("/cpu/corral-fixture/cpu.cfs_period_us"));
        assertEquals("50000 100000", m.kernelValue());
        assertEquals(50, CpuWeight.fromShares(Long.parseLong(host("/cpu/corral-fixture/cpu.shares").strip())).value());
        CpuStat acct = CpuStat.fromV1(host("/cpuacct/cpuacct.usage"), host("/cpuacct/cpuacct.stat"), null, 100);
        assertTrue(acct.usageUsec() > 0);
        assertTrue(acct.userUsec() > 0);
    }

    @Test
    void v1CpusetAndPids() {
        CpuList cpus = CpuList.parse(host("/cpuset/cpuset.cpus"));
        assertFalse(cpus.isEmpty());
        assertEquals(cpus, CpuList.parse(host("/cpuset/corral-fixture/cpuset.cpus")));
        assertEquals(20, CountLimit.parse(host("/pids/corral-fixture/pids.max")).count());
    }
}
