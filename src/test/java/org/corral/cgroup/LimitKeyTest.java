package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LimitKeyTest {
    @Test
    void normalizesToKernelText() {
        assertEquals("2147483648", LimitKey.parse("memory.max").normalize("2G"));
        assertEquals("max", LimitKey.parse("memory.high").normalize("max"));
        assertEquals("50000 100000", LimitKey.parse("cpu.max").normalize("50%"));
        assertEquals("0-3", LimitKey.parse("cpuset.cpus").normalize("0,1,2,3"));
        assertEquals("100", LimitKey.parse("pids.max").normalize("100"));
        assertEquals("8:0 rbps=max wbps=10485760 riops=max wiops=max", LimitKey.parse("io.max").normalize("8:0 wbps=10M"));
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LimitKey.parse("memory.maxx"));
        assertTrue(e.getMessage().contains("memory.max"), e.getMessage());
        // files that exist in cgroupfs but are not limits are not on the allow-list
        for (String notALimit : List.of("cgroup.procs", "cgroup.subtree_control", "release_agent", "cgroup.kill", "../x")) {
            assertThrows(InvalidValueException.class, () -> LimitKey.parse(notALimit));
        }
    }

    @Test
    void badValueNamesTheKey() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LimitKey.MEMORY_MAX.normalize("2Q"));
        assertEquals("memory.max: '2Q' is not a size; use e.g. 512M, 2G or max", e.getMessage());
    }

    @Test
    void v1Mapping() {
        assertEquals(List.of("memory.limit_in_bytes"), LimitKey.MEMORY_MAX.v1Files());
        assertEquals(List.of("cpu.cfs_period_us", "cpu.cfs_quota_us"), LimitKey.CPU_MAX.v1Files());
        assertEquals(List.of("cpu.shares"), LimitKey.CPU_WEIGHT.v1Files());
        assertTrue(LimitKey.MEMORY_HIGH.v1Files().isEmpty());
        assertEquals("blkio", LimitKey.IO_MAX.controllerV1());
    }
}
