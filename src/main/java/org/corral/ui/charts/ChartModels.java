package org.corral.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.MemoryLimit;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The three JFreeChart charts (memory; CPU and throttling; pressure) and their datasets, fed by
 * the {@link ChartsViewModel}. No JavaFX here: the view wraps each chart in a ChartViewer, and
 * tests and the PNG export use the charts as they are. Must be fed on one thread (the UI's).
 */
public final class ChartModels implements ChartsViewModel.Listener {
    private static final long KEEP_MS = ChartWindow.ONE_HOUR.span().toMillis();
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf)};

    private static final String PSI_TITLE = "Pressure stall (PSI some, avg10)";

    private final TimeSeriesCollection memory = new TimeSeriesCollection();
    private final TimeSeriesCollection cpu = new TimeSeriesCollection();
    private final TimeSeriesCollection pressure = new TimeSeriesCollection();
    private final JFreeChart memoryChart;
    private final JFreeChart cpuChart;
    private final JFreeChart pressureChart;
    private final Map<String, TimeSeries> series = new HashMap<>();
    /**
     * The charts a batch of samples changed, silenced until {@link #applied()}. By identity: a
     * chart's hashCode follows its contents, which the batch changes.
     */
    private final java.util.Set<JFreeChart> touched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The datasets a batch of samples changed, silenced until {@link #applied()}; by identity too. */
    private final java.util.Set<TimeSeriesCollection> silenced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean paused;
    private List<CgroupRef> charted = List.of();

    public ChartModels() {
        memoryChart = chart("Memory", "MiB", memory);
        cpuChart = chart("CPU and throttling", "% CPU", cpu);
        pressureChart = chart(PSI_TITLE, "% stalled", pressure);
    }

    private static JFreeChart chart(String title, String unit, TimeSeriesCollection data) {
        JFreeChart c = ChartFactory.createTimeSeriesChart(title, null, unit, data, true, true, false);
        c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        c.setBackgroundPaint(Color.WHITE);
        XYPlot p = c.getXYPlot();
        p.setBackgroundPaint(new Color(0xfafafa));
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        ((DateAxis) p.getDomainAxis()).setDateFormatOverride(new SimpleDateFormat("HH:mm:ss"));
        ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        // one path a series: by default each point-to-point segment is a line of its own, which
        // the canvas records and rasterizes one by one (60 a series a minute; bench/RESULTS.md, row 6)
        lines.setDrawSeriesLineAsPath(true);
        p.setRenderer(lines);
        return c;
    }

    public JFreeChart memoryChart() {
        return memoryChart;
    }

    public JFreeChart cpuChart() {
        return cpuChart;
    }

    public JFreeChart pressureChart() {
        return pressureChart;
    }

    public List<JFreeChart> charts() {
        return List.of(memoryChart, cpuChart, pressureChart);
    }

    /** The series named "memory.current /a/b" and so on; null if there is none. */
    public TimeSeries series(String name) {
        return series.get(name);
    }

    /** New series for a new selection: some thirty change events, drawn once per chart at the end. */
    @Override public void reset(List<CgroupRef> now) {
        for (JFreeChart c : charts()) touch(c);
        charted = now;
        series.clear();
        memory.removeAllSeries();
        cpu.removeAllSeries();
        pressure.removeAllSeries();
        for (JFreeChart c : charts()) c.getXYPlot().clearDomainMarkers();
        boolean one = now.size() == 1;
        for (int i = 0; i < now.size(); i++) {
            CgroupRef r = now.get(i);
            String who = one ? "" : " " + r.path().name();
            add(memory, "memory.current" + who, r, "memory.current");
            if (r.hierarchy().isV2()) add(memory, "memory.high" + who, r, "memory.high"); // v1 has no memory.high
            add(memory, "memory.max" + who, r, "memory.max");
            add(cpu, "CPU %" + who, r, "cpu");
            add(cpu, "throttled %" + who, r, "throttled");
            add(pressure, "cpu" + who, r, "psi.cpu");
            add(pressure, "memory" + who, r, "psi.memory");
            add(pressure, "io" + who, r, "psi.io");
        }
        style(memoryChart, now.stream().allMatch(r -> r.hierarchy().isV2()) ? 3 : 2);
        style(cpuChart, 2);
        style(pressureChart, 3);
        applied();
    }

    private void add(TimeSeriesCollection c, String label, CgroupRef ref, String metric) {
        TimeSeries s = new TimeSeries(label);
        s.setMaximumItemAge(KEEP_MS);
        series.put(metric + " " + ref, s);
        c.addSeries(s);
    }

    /** Each cgroup its colour; within one, the limits dashed and the second metric dotted. */
    private void style(JFreeChart chart, int perCgroup) {
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        int n = chart.getXYPlot().getDataset().getSeriesCount();
        for (int i = 0; i < n; i++) {
            Color colour = PALETTE[(i / perCgroup) % PALETTE.length];
            int kind = i % perCgroup;
            boolean limitLine = chart == memoryChart && kind > 0;
            r.setSeriesPaint(i, chart == pressureChart && charted.size() == 1 ? PALETTE[kind] : kind == 0 || limitLine ? colour : colour.darker());
            r.setSeriesStroke(i, limitLine ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    kind == 1 ? new float[] {6f, 4f} : new float[] {2f, 3f}, 0f)
                    : chart == cpuChart && kind == 1 ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 2f}, 0f) : new BasicStroke(2f));
        }
    }

    /**
     * Adds a sample's points. Every point, title and marker is a change event, and the chart
     * viewer redraws the whole chart at each one (seven or more full redraws a second for one
     * cgroup): a chart changed here stays silent until {@link #applied()}, which draws it once.
     */
    @Override public void added(MetricSample s, List<MetricsHistory.Marker> markers) {
        FixedMillisecond t = new FixedMillisecond(s.at().toEpochMilli());
        put(memoryChart, "memory.current", s, t, s.memoryCurrent() == null ? null : s.memoryCurrent() / 1048576.0);
        put(memoryChart, "memory.high", s, t, mib(s.memoryHigh()));
        put(memoryChart, "memory.max", s, t, mib(s.memoryMax()));
        put(cpuChart, "cpu", s, t, s.cpuPercent());
        put(cpuChart, "throttled", s, t, s.throttledPercent());
        put(pressureChart, "psi.cpu", s, t, s.psiCpu());
        put(pressureChart, "psi.memory", s, t, s.psiMemory());
        put(pressureChart, "psi.io", s, t, s.psiIo());
        String title = s.psiOfHost() ? PSI_TITLE + " of the whole host: no per-cgroup PSI here" : PSI_TITLE;
        if (!title.equals(pressureChart.getTitle().getText())) {
            touch(pressureChart);
            pressureChart.getTitle().setText(title);
        }
        for (MetricsHistory.Marker m : markers) {
            for (JFreeChart c : charts()) {
                touch(c);
                ValueMarker vm = new ValueMarker(m.at().toEpochMilli(), new Color(0xd62728), new BasicStroke(2f));
                vm.setLabel(m.label() + (charted.size() > 1 ? " " + s.cgroup().path().name() : ""));
                vm.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                vm.setLabelPaint(new Color(0xd62728));
                vm.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                vm.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                c.getXYPlot().addDomainMarker(vm);
            }
        }
    }

    /** A limit as MiB; "max" is not drawn (no line is the honest picture of no limit). */
    private static Double mib(MemoryLimit l) {
        return l == null || l.isMax() ? null : l.bytes() / 1048576.0;
    }

    private void put(JFreeChart chart, String metric, MetricSample s, FixedMillisecond t, Double v) {
        TimeSeries ts = series.get(metric + " " + s.cgroup());
        if (ts == null || v == null) return;
        touch(chart);
        ts.addOrUpdate(t, v);
    }

    /**
     * Silences a chart and its dataset until the batch ends (a paused chart is silent already).
     * The dataset too: each point added is a dataset change, at which the plot fits its range axis
     * to the data again, going through every kept point of every series of that chart (up to an
     * hour's, 3,600 a series) even while the chart does not draw — several times a second.
     */
    private void touch(JFreeChart chart) {
        TimeSeriesCollection data = (TimeSeriesCollection) chart.getXYPlot().getDataset();
        if (silenced.add(data)) data.setNotify(false);
        if (!paused && touched.add(chart)) chart.setNotify(false);
    }

    /** One fit of each changed chart's axes to its data, and one redraw of each chart the batch changed. */
    @Override public void applied() {
        for (TimeSeriesCollection d : silenced) d.setNotify(true);
        silenced.clear();
        for (JFreeChart c : touched) c.setNotify(true);
        touched.clear();
    }

    @Override public void window(ChartWindow w) {
        for (JFreeChart c : charts()) {
            DateAxis axis = (DateAxis) c.getXYPlot().getDomainAxis();
            axis.setFixedAutoRange(w.span().toMillis());
        }
    }

    @Override public void paused(boolean p) {
        paused = p;
        touched.clear();
        for (JFreeChart c : charts()) c.setNotify(!p);
    }

    /** Larger titles, axes and legends, for a projector. */
    public void largeFonts(boolean on) {
        int base = on ? 18 : 12;
        for (JFreeChart c : charts()) {
            c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, base + 2));
            XYPlot p = c.getXYPlot();
            for (var axis : new org.jfree.chart.axis.Axis[] {p.getDomainAxis(), p.getRangeAxis()}) {
                axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 1));
                axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, base));
            }
            if (c.getLegend() != null) c.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, base - 1));
        }
    }

    /** All three charts stacked in one PNG. */
    public void exportPng(Path file, int width, int heightEach) throws IOException {
        List<JFreeChart> cs = charts();
        BufferedImage img = new BufferedImage(width, heightEach * cs.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < cs.size(); i++) cs.get(i).draw(g, new Rectangle2D.Double(0, i * heightEach, width, heightEach));
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
