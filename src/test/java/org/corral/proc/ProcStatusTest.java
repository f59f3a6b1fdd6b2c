package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void ordinaryProcess() {
        ProcStatus s = ProcStatus.parse(bytes(INIT, "status"));
        assertEquals(OptionalInt.of(0), s.realUid());
        assertEquals(OptionalInt.of(0), s.effectiveUid());
        assertEquals(OptionalInt.of(11), s.threads());
        assertEquals(OptionalLong.of(9912L * 1024), s.vmRssBytes());
    }

    @Test
    void otherUsers() {
        assertEquals(OptionalInt.of(65534), ProcStatus.parse(bytes(A_PAREN_B, "status")).effectiveUid());
        assertEquals(OptionalInt.of(4242), ProcStatus.parse(bytes(LOOKS_LIKE_FIELDS, "status")).effectiveUid());
    }

    @Test
    void kernelThreadsAndZombiesHaveNoMemoryLinesSoZeroBytes() {
        assertEquals(OptionalLong.of(0), ProcStatus.parse(bytes(KTHREADD, "status")).vmRssBytes());
        assertEquals(OptionalLong.of(0), ProcStatus.parse(bytes(ZOMBIE, "status")).vmRssBytes());
    }

    @Test
    void effectiveIsTheSecondUidColumn() {
        ProcStatus s = ProcStatus.parse(utf8("Name:\tsu\nUid:\t1000\t0\t0\t0\nThreads:\t3\n"));
        assertEquals(OptionalInt.of(1000), s.realUid());
        assertEquals(OptionalInt.of(0), s.effectiveUid());
        assertEquals(OptionalInt.of(3), s.threads());
    }

    @Test
    void missingOrOddFieldsAreEmptyNotErrors() {
        ProcStatus s = ProcStatus.parse(utf8("Uid:\t\nThreads:\tmany\nnot a line\n"));
        assertTrue(s.realUid().isEmpty());
        assertTrue(s.threads().isEmpty());
        assertTrue(s.vmRssBytes().isEmpty(), "no Name: either: not a status file, RSS unknown");
        assertTrue(ProcStatus.parse(new byte[0]).effectiveUid().isEmpty());
    }

    @Test
    void keysMatchWholeNotByPrefix() {
        ProcStatus s = ProcStatus.parse(utf8("Name:\tx\nVmRSSx:\t5 kB\nUidX:\t7\t7\t7\t7\n"));
        assertEquals(OptionalLong.of(0), s.vmRssBytes());
        assertTrue(s.effectiveUid().isEmpty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
