package org.corral.proc;

import static org.corral.proc.ProcFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcCgroupFileTest {

    @Test
    void hybridHostHasNineV1LinesAndTheV2Line() {
        List<ProcCgroupEntry> es = ProcCgroupFile.parse(text(SHELL, "cgroup"));
        assertEquals(10, es.size());
        assertEquals(new ProcCgroupEntry(9, List.of("name=systemd"), "/"), es.get(0));
        assertEquals(new ProcCgroupEntry(4, List.of("memory"), "/process_api/4332f929b5a8981e183d404c8bab4227"), es.get(5));
        assertEquals(new ProcCgroupEntry(0, List.of(), "/"), es.get(9));
        assertTrue(es.get(9).isV2());
        assertFalse(es.get(0).isV2());
    }

    @Test
    void aColonInThePathStaysInThePath() {
        List<ProcCgroupEntry> es = ProcCgroupFile.parse(text(V2_COLON, "cgroup"));
        ProcCgroupEntry v2 = es.get(es.size() - 1);
        assertEquals(0, v2.hierarchyId());
        assertEquals(List.of(), v2.controllers());
        assertEquals("/corral-fixture:a", v2.path());
        assertEquals("0::/corral-fixture:a", v2.toString());
        assertEquals("/a:b:c", ProcCgroupFile.parseLine("4:memory:/a:b:c").path());
    }

    @Test
    void severalControllersOnOneHierarchy() {
        ProcCgroupEntry e = ProcCgroupFile.parseLine("2:cpu,cpuacct:/user.slice");
        assertEquals(List.of("cpu", "cpuacct"), e.controllers());
        assertTrue(e.hasController("cpuacct"));
        assertEquals("cpu:/user.slice", e.notation());
        assertEquals("2:cpu,cpuacct:/user.slice", e.toString());
    }

    @Test
    void notationIsWhatTheCliAccepts() {
        assertEquals("/corral-fixture:a", ProcCgroupFile.parseLine("0::/corral-fixture:a").notation());
        assertEquals("name=systemd:/", ProcCgroupFile.parseLine("9:name=systemd:/").notation());
        assertEquals("memory:/x", ProcCgroupFile.parseLine("4:memory:/x").notation());
    }

    @Test
    void pathsOutsideTheCgroupNamespaceRootAreKept() {
        assertEquals("/../../system.slice", ProcCgroupFile.parseLine("0::/../../system.slice").path());
    }

    @Test
    void noTrailingNewlineAndEmptyFile() {
        assertEquals(1, ProcCgroupFile.parse("0::/").size());
        assertEquals(List.of(), ProcCgroupFile.parse(""));
    }

    @Test
    void malformedLinesAreRefused() {
        for (String bad : new String[] {"/a", "0:/a", ":memory:/a", "x:memory:/a", "-1::/a"}) {
            assertThrows(IllegalArgumentException.class, () -> ProcCgroupFile.parseLine(bad), bad);
        }
    }
}
