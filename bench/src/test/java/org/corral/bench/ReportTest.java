package org.corral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @Test
    void aStraightLineIsLinearAndACurveIsNot() {
        Linearity line = Linearity.of(List.of(new double[] {100, 12}, new double[] {1000, 102}, new double[] {5000, 502}));
        assertEquals(0.1, line.slope(), 1e-9);
        assertEquals(2, line.intercept(), 1e-6);
        assertTrue(line.linear(), line.describe("cgroups"));

        // n²: each item costs more the more there are
        Linearity square = Linearity.of(List.of(new double[] {100, 1}, new double[] {1000, 100}, new double[] {10000, 10000}));
        assertTrue(square.bend() > 5, "bend " + square.bend());
        assertFalse(square.linear(), square.describe("processes"));
    }

    @Test
    void theGeneratedPartIsReplacedAndTheAnalysisKept() {
        String file = "# Results\nintro\n" + Report.BEGIN + "\nold numbers\n" + Report.END + "\n\n## Analysis\nby hand\n";
        String out = Report.splice(file, "new numbers\n");
        assertEquals("# Results\nintro\n" + Report.BEGIN + "\nnew numbers\n" + Report.END + "\n\n## Analysis\nby hand\n", out);
        assertEquals(out, Report.splice(out, "new numbers\n"));
        assertTrue(Report.splice("", "x\n").startsWith(Report.BEGIN), "a new file gets the markers");
    }

    @Test
    void absoluteTargetsGetVerdictsAndMeasuredRowsLeaveTheWaitingList(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("backend-rt.json"), "{\"requests\": 100, \"warmup\": 100, \"p50Ms\": 0.02, \"p90Ms\": 0.03,"
                + " \"p99Ms\": 4.5, \"p999Ms\": 5, \"maxMs\": 6, \"meanMs\": 0.1, \"clientCpuMsPerRequest\": 0.01,"
                + " \"backendCpuMsPerRequest\": 0.01, \"command\": \"java\"}");
        Files.writeString(dir.resolve("gui-start.json"), "{\"display\": \"monocle-headless\", \"firstFrameMs\": 1500,"
                + " \"firstFrameCpuMs\": 1200, \"treeShownMs\": 2500, \"cgroupsInTree\": 5001, \"cgroupsInSubtree\": 5000,"
                + " \"expandedRows\": 5001, \"rssBytes\": 300000000, \"heapUsedBytes\": 1, \"heapCommittedBytes\": 2}");
        Files.writeString(dir.resolve("packages.txt"), "org/corral/client\norg/corral/ui\n");
        String md = new Report(dir).render();
        assertTrue(md.contains("p50 < 0.30 ms: met; p99 < 3.00 ms: **missed**"), md);
        assertTrue(md.contains("target < 2 s: met"), md);
        assertTrue(md.contains("target < 250 MB: **missed**"), md);
        String waiting = md.substring(md.indexOf("#### Not yet measured"));
        assertFalse(waiting.contains("backend round trip"), waiting);
        assertFalse(waiting.contains("cold start"), waiting);
        assertTrue(waiting.contains("GUI sampling") && waiting.contains("--only gui"), waiting);
        assertTrue(waiting.contains("waiting for org.corral.sandbox"), waiting);
    }
}
