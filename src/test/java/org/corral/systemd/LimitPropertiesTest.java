package org.corral.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.corral.cgroup.LimitKey;
import org.junit.jupiter.api.Test;

/** Corral's limits as systemd unit properties, values as systemd.resource-control(5) defines them. */
class LimitPropertiesTest {
    private static List<UnitSetting> of(LimitKey key, String personValue) {
        return LimitProperties.of(key, key.normalize(personValue)).orElseThrow();
    }

    @Test
    void memoryIsBytesAndMaxIsInfinity() {
        assertEquals(List.of(UnitSetting.uint64("MemoryMax", BigInteger.valueOf(64L << 20), "64M")), of(LimitKey.MEMORY_MAX, "64M"));
        assertEquals(List.of(UnitSetting.uint64("MemoryHigh", UnitSetting.INFINITY, "infinity")), of(LimitKey.MEMORY_HIGH, "max"));
        assertEquals("18446744073709551615", UnitSetting.INFINITY.toString());
        assertEquals("MemoryMax=64M", of(LimitKey.MEMORY_MAX, "64M").get(0).toString());
        assertEquals("MemorySwapMax", of(LimitKey.MEMORY_SWAP_MAX, "1G").get(0).name());
        assertEquals("MemoryLow", of(LimitKey.MEMORY_LOW, "1G").get(0).name());
        assertEquals("MemoryMin", of(LimitKey.MEMORY_MIN, "1G").get(0).name());
    }

    @Test
    void cpuMaxIsQuotaPerSecondOfWallTime() {
        List<UnitSetting> half = of(LimitKey.CPU_MAX, "50%");
        assertEquals(UnitSetting.uint64("CPUQuotaPerSecUSec", BigInteger.valueOf(500_000), "50%"), half.get(0));
        assertEquals(UnitSetting.uint64("CPUQuotaPeriodUSec", BigInteger.valueOf(100_000), "100000us"), half.get(1));
        List<UnitSetting> two = of(LimitKey.CPU_MAX, "20000 10000");
        assertEquals(BigInteger.valueOf(2_000_000), two.get(0).value());
        assertEquals("200%", two.get(0).shown());
        assertEquals(UnitSetting.INFINITY, of(LimitKey.CPU_MAX, "max").get(0).value());
    }

    @Test
    void weightTasksAndCpuMasks() {
        assertEquals(List.of(UnitSetting.uint64("CPUWeight", 250)), of(LimitKey.CPU_WEIGHT, "250"));
        assertEquals(List.of(UnitSetting.uint64("TasksMax", 100)), of(LimitKey.PIDS_MAX, "100"));
        assertEquals(UnitSetting.INFINITY, of(LimitKey.PIDS_MAX, "max").get(0).value());
        UnitSetting cpus = of(LimitKey.CPUSET_CPUS, "0-3,6,9").get(0);
        assertEquals("AllowedCPUs", cpus.name());
        assertEquals("ay", cpus.signature());
        // bit n of byte n/8: CPUs 0-3 and 6 are 0b0100_1111, CPU 9 is bit 1 of byte 1
        assertArrayEquals(new byte[] {0x4f, 0x02}, (byte[]) cpus.value());
        assertEquals("AllowedMemoryNodes", of(LimitKey.CPUSET_MEMS, "0").get(0).name());
    }

    @Test
    void ioMaxHasNoSingleProperty() {
        assertTrue(LimitProperties.of(LimitKey.IO_MAX, LimitKey.IO_MAX.normalize("8:0 wbps=1M")).isEmpty());
        assertTrue(LimitProperties.names(LimitKey.IO_MAX).isEmpty());
    }
}
