package org.corral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
