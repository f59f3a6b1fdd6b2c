package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void kthreaddHasTheKernelThreadFlagAndNoParent() {
        ProcStat s = ProcStat.parse(bytes(KTHREADD, "stat"));
        assertEquals(2, s.pid());
        assertEquals("kthreadd", s.comm());
        assertEquals('S', s.state());
        assertEquals(0, s.get(PidStat.PPID));
        assertEquals(2129984, s.get(PidStat.FLAGS));
        assertTrue(s.isKernelThreadFlag(), "0x208040 has PF_KTHREAD 0x200000");
        assertEquals(1, s.get(PidStat.NUM_THREADS));
        assertEquals(52, s.fieldCount());
    }

    @Test
    void initIsNotAKernelThread() {
        ProcStat s = ProcStat.parse(bytes(INIT, "stat"));
        assertEquals("process_api", s.comm());
        assertFalse(s.isKernelThreadFlag());
        assertEquals(11, s.get(PidStat.NUM_THREADS));
        assertEquals(9, s.get(PidStat.STARTTIME));
        assertEquals(-1, s.get(PidStat.TPGID), "signed fields keep their sign");
    }

    @Test
    void commWithSpaceAndParenthesisIsTakenUpToTheLastParenthesis() {
        ProcStat s = ProcStat.parse(bytes(A_PAREN_B, "stat"));
        assertEquals("a) b", s.comm());
        assertEquals('S', s.state());
        assertEquals(8240, s.get(PidStat.PPID));
    }

    @Test
    void commThatLooksLikeMoreFieldsDoesNotShiftThem() {
        ProcStat s = ProcStat.parse(bytes(LOOKS_LIKE_FIELDS, "stat"));
        assertEquals("x) S 1 (y", s.comm());
        assertEquals('S', s.state());
        assertEquals(8240, s.get(PidStat.PPID));
        assertEquals(8196, s.get(PidStat.PGRP));
        assertEquals(415192, s.get(PidStat.STARTTIME));
        assertEquals(52, s.fieldCount());
    }

    @Test
    void unsignedFieldsKeepTheir64Bits() {
        ProcStat s = ProcStat.parse(bytes(KTHREADD, "stat"));
        assertEquals("18446744073709551615", Long.toUnsignedString(s.get(PidStat.RSSLIM)));
    }

    @Test
    void zombie() {
        ProcStat s = ProcStat.parse(bytes(ZOMBIE, "stat"));
        assertEquals('Z', s.state());
        assertEquals("true", s.comm());
        assertEquals(0, s.get(PidStat.RSS));
    }

    @Test
    void olderKernelsWriteFewerFields() {
        ProcStat s = ProcStat.parse(ascii("7 (init) S 0 7 7 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 99\n"));
        assertEquals(22, s.fieldCount());
        assertTrue(s.has(PidStat.STARTTIME));
        assertFalse(s.has(PidStat.VSIZE));
        assertEquals(99, s.get(PidStat.STARTTIME));
        assertThrows(IllegalArgumentException.class, () -> s.get(PidStat.VSIZE));
        assertThrows(IllegalArgumentException.class, () -> s.get(PidStat.COMM));
    }

    @Test
    void emptyCommAndUtf8Comm() {
        assertEquals("", ProcStat.parse(ascii("5 () R 1 2")).comm());
        assertEquals("größe", ProcStat.parse("5 (größe) R 1 2".getBytes(StandardCharsets.UTF_8)).comm());
    }

    @Test
    void positionsFollowProc5() {
        assertEquals(1, PidStat.PID.position());
        assertEquals(9, PidStat.FLAGS.position());
        assertEquals(20, PidStat.NUM_THREADS.position());
        assertEquals(24, PidStat.RSS.position());
        assertEquals(52, PidStat.EXIT_CODE.position());
        for (PidStat f : PidStat.values()) assertEquals(f.ordinal() + 1, f.position(), f.name());
    }

    @Test
    void malformedLinesAreRefused() {
        for (String bad : new String[] {"", "\n", "garbage", "12 sleep S 1", "x (a) S 1", "12 (a", "12 (a)", "12 (a)S 1",
                "12 (a) S 1  2", "12 (a) S one", "-3 (a) S 1", "0 (a) S 1"}) {
            assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(ascii(bad)), bad);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
