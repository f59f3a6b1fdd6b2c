package org.corral.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.UiFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History, markers, CSV and the JFreeChart datasets, without JavaFX. */
class ChartsTest {
    private final CgroupRef ref = new CgroupRef(UiFixtures.v1Memory(), CgroupPath.parse("/box"));
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    private MetricSample sample(int second, long mem, long oom, long max) {
        return new MetricSample(ref, t0.plusSeconds(second), mem, null, MemoryLimit.bytes(64L << 20), 25.0, 5.0,
                1.5, null, 0.0, oom, max, false);
    }

    @Test
    void markersWhereOomKillsOrLimitHitsWereCounted() {
        MetricsHistory h = new MetricsHistory(Duration.ofHours(1));
        assertEquals(List.of(), h.add(sample(0, 1, 0, 0)));
        assertEquals(List.of(), h.add(sample(1, 2, 0, 0)));
        assertEquals("hit memory.max", h.add(sample(2, 3, 0, 4)).get(0).label());
        assertEquals("OOM kill", h.add(sample(3, 0, 1, 9)).get(0).label(), "an OOM kill wins over the limit hit it came with");
        assertEquals("2 OOM kills", h.add(sample(4, 0, 3, 9)).get(0).label());
        assertEquals(3, h.markers().size());
    }

    @Test
    void historyKeepsOnlyTheLongestWindow() {
        MetricsHistory h = new MetricsHistory(Duration.ofSeconds(10));
        for (int s = 0; s < 30; s++) h.add(sample(s, s, 0, 0));
        assertEquals(11, h.size());
        assertEquals(t0.plusSeconds(19), h.samples().get(0).at());
    }

    @Test
    void csvUsesTheJsonConventions() throws Exception {
        StringWriter w = new StringWriter();
        CsvExport.write(List.of(sample(0, 1048576, 0, 0)), w);
        String[] lines = w.toString().split("\n");
        assertEquals(CsvExport.HEADER, lines[0]);
        assertEquals("2026-01-01T10:00:00Z,memory:/box,1048576,,67108864,25.00,5.00,1.50,,0.00,0,0", lines[1],
                "bytes, a limit as a number, empty where the host has no value");
    }

    @Test
    void viewModelFeedsTheChartDatasetsAndPauseStopsDrawing(@TempDir Path tmp) throws Exception {
        ChartsViewModel vm = new ChartsViewModel();
        ChartModels charts = new ChartModels();
        vm.addListener(charts);
        vm.charted().setAll(ref);
        for (int s = 0; s < 5; s++) vm.apply(List.of(sample(s, (s + 1) * 1048576L, s == 4 ? 1 : 0, 0)));
        assertEquals(5, charts.series("memory.current " + ref).getItemCount());
        assertEquals(5.0, charts.series("memory.current " + ref).getMaxY(), 1e-9, "plotted in MiB");
        assertEquals(64.0, charts.series("memory.max " + ref).getMaxY(), 1e-9);
        assertEquals(null, charts.series("memory.high " + ref), "no memory.high on v1: no line, not a fake one");
        assertEquals(1, charts.memoryChart().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(),
                "the OOM kill is marked");
        vm.pausedProperty().set(true);
        assertFalse(charts.memoryChart().isNotify());
        vm.pausedProperty().set(false);
        assertTrue(charts.memoryChart().isNotify());
        vm.windowProperty().set(ChartWindow.TEN_MINUTES);
        assertEquals(600_000, ((org.jfree.chart.axis.DateAxis) charts.cpuChart().getXYPlot().getDomainAxis()).getFixedAutoRange(), 1e-9);

        Path png = tmp.resolve("c.png");
        charts.exportPng(png, 600, 200);
        var img = ImageIO.read(png.toFile());
        assertEquals(600, img.getWidth());
        assertEquals(600, img.getHeight());
        Path csv = tmp.resolve("c.csv");
        vm.exportCsv(csv);
        assertEquals(6, Files.readAllLines(csv).size());

        vm.charted().clear();
        assertEquals(0, charts.memoryChart().getXYPlot().getDataset().getSeriesCount());
        vm.apply(List.of(sample(9, 1, 0, 0)));
        assertEquals(List.of(), vm.allSamples(), "samples of a cgroup no longer charted are dropped");
    }

    @Test
    void eachReadRedrawsEachChangedChartOnce() {
        ChartsViewModel vm = new ChartsViewModel();
        ChartModels charts = new ChartModels();
        vm.addListener(charts);
        CgroupRef other = new CgroupRef(UiFixtures.v1Memory(), CgroupPath.parse("/other"));
        java.util.Map<org.jfree.chart.JFreeChart, Integer> draws = new java.util.IdentityHashMap<>();
        for (var c : charts.charts()) c.addChangeListener(e -> draws.merge(c, 1, Integer::sum));
        // the plot fits its axes to the whole dataset at each dataset change: once per read, not per point
        java.util.Map<org.jfree.chart.JFreeChart, Integer> fits = new java.util.IdentityHashMap<>();
        for (var c : charts.charts()) c.getXYPlot().getDataset().addChangeListener(e -> fits.merge(c, 1, Integer::sum));
        vm.charted().setAll(ref, other);
        assertEquals(java.util.Map.of(charts.memoryChart(), 1, charts.cpuChart(), 1, charts.pressureChart(), 1), draws,
                "a new selection: new series, styles and markers cleared, one redraw each");
        draws.clear();
        MetricSample mine = sample(0, 1048576, 0, 0);
        MetricSample theirs = new MetricSample(other, mine.at(), 2048L, null, null, null, null, null, null, null, 0L, 0L, true);
        vm.apply(List.of(mine, theirs));
        assertEquals(1, draws.get(charts.memoryChart()), "eight points, two cgroups: one redraw");
        assertEquals(java.util.Map.of(charts.memoryChart(), 2, charts.cpuChart(), 2, charts.pressureChart(), 2), fits,
                "a new selection (16 series removed and added) and a read (10 points): one dataset change each per chart");
        assertEquals(1, draws.get(charts.cpuChart()));
        assertEquals(1, draws.get(charts.pressureChart()), "points and the host-PSI title: one redraw");
        assertTrue(charts.pressureChart().getTitle().getText().contains("whole host"));
        assertEquals(1, charts.series("memory.current " + other).getItemCount(), "both cgroups are plotted");

        draws.clear();
        vm.apply(List.of(new MetricSample(other, mine.at().plusSeconds(1), 4096L, null, null, null, null, null, null, null, 0L, 0L, true)));
        assertEquals(java.util.Map.of(charts.memoryChart(), 1), draws, "a read that changes only the memory chart redraws only it");

        vm.pausedProperty().set(true);
        draws.clear();
        vm.apply(List.of(sample(2, 3, 0, 0)));
        assertEquals(java.util.Map.of(), draws, "paused: nothing is drawn");
        assertFalse(charts.memoryChart().isNotify(), "and the charts stay silent after the read");
        vm.pausedProperty().set(false);
        assertTrue(charts.charts().stream().allMatch(org.jfree.chart.JFreeChart::isNotify));
    }
}
