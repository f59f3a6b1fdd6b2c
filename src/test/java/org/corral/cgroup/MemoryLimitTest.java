package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryLimitTest {
    @Test
    void maxIsAValueNotMinusOne() {
        MemoryLimit m = MemoryLimit.parse("max");
        assertTrue(m.isMax());
        assertEquals("max", m.kernelValue());
        assertEquals("-1", m.kernelValueV1());
        assertEquals("max", m.toString());
        assertFalse(m.isExceededBy(Long.MAX_VALUE));
    }

    @Test
    void bytesRoundTrip() {
        MemoryLimit m = MemoryLimit.parse("2G");
        assertEquals(2147483648L, m.bytes());
        assertEquals("2147483648", m.kernelValue());
        assertEquals("2G", m.toString());
        assertTrue(m.isExceededBy(2147483649L));
    }

    @Test
    void v1HugeValueMeansUnlimited() {
        // what memory.limit_in_bytes holds on an unlimited v1 cgroup with 4 KiB pages
        assertTrue(MemoryLimit.parseV1("9223372036854771712\n").isMax());
        assertEquals(268435456L, MemoryLimit.parseV1("268435456").bytes());
    }

    @Test
    void negativeAndGarbageRefused() {
        assertThrows(InvalidValueException.class, () -> MemoryLimit.parse("-5"));
        assertThrows(InvalidValueException.class, () -> MemoryLimit.bytes(-1));
        assertThrows(InvalidValueException.class, () -> MemoryLimit.parse("2Q"));
    }
}
