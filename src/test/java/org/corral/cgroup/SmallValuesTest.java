package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CpuList, CpuWeight, CountLimit, IoMax lines. */
class SmallValuesTest {
    @Test
    void cpuListCanonicalForm() {
        assertEquals("0-3,6,8-9", CpuList.parse("0-3,6,8,9").toString());
        assertEquals("0-3", CpuList.parse("3,2,1,0").toString());
        assertTrue(CpuList.parse("").isEmpty());
        assertTrue(CpuList.parse("\n").isEmpty());
        assertArrayEquals(new int[] {1, 2, 5}, CpuList.parse("1-2,5").toArray());
        assertTrue(CpuList.parse("1").isSubsetOf(CpuList.parse("0-3")));
        assertFalse(CpuList.parse("4").isSubsetOf(CpuList.parse("0-3")));
        assertThrows(InvalidValueException.class, () -> CpuList.parse("3-1"));
        assertThrows(InvalidValueException.class, () -> CpuList.parse("a"));
        assertThrows(InvalidValueException.class, () -> CpuList.parse("-1"));
    }

    @Test
    void cpuWeightAndShares() {
        assertEquals(100, CpuWeight.parse("100").value());
        assertEquals(1024, CpuWeight.DEFAULT.toShares());
        assertEquals(100, CpuWeight.fromShares(1024).value());
        assertEquals(50, CpuWeight.fromShares(512).value());
        assertEquals(512, new CpuWeight(50).toShares());
        assertThrows(InvalidValueException.class, () -> CpuWeight.parse("0"));
        assertThrows(InvalidValueException.class, () -> CpuWeight.parse("10001"));
        assertThrows(InvalidValueException.class, () -> CpuWeight.parse("high"));
    }

    @Test
    void countLimit() {
        assertTrue(CountLimit.parse("max\n").isMax());
        assertEquals(20, CountLimit.parse("20").count());
        assertThrows(InvalidValueException.class, () -> CountLimit.parse("-3"));
        assertThrows(InvalidValueException.class, () -> CountLimit.parse("many"));
    }

    @Test
    void ioMaxLines() {
        IoMax m = IoMax.parse("8:16 rbps=2097152 wbps=max riops=max wiops=120\n254:0 rbps=max wbps=1024 riops=max wiops=max\n");
        assertEquals(2, m.devices().size());
        IoMax.Device d = m.devices().get(0);
        assertEquals(8, d.major());
        assertEquals(16, d.minor());
        assertEquals(2097152L, d.rbps());
        assertNull(d.wbps());
        assertEquals(120L, d.wiops());
        assertEquals("8:16 rbps=2097152 wbps=max riops=max wiops=120", d.kernelValue());
        assertEquals(10485760L, IoMax.parseLine("8:0 wbps=10M").wbps());
        assertThrows(InvalidValueException.class, () -> IoMax.parseLine("sda wbps=1"));
        assertThrows(InvalidValueException.class, () -> IoMax.parseLine("8:0 speed=1"));
        assertTrue(IoMax.parse("").devices().isEmpty());
    }
}
