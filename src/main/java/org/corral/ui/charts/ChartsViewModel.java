package org.corral.ui.charts;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.corral.cgroup.CgroupRef;

/**
 * The live charts of the selected cgroup(s): the history of each, the window shown, pause.
 * Samples arrive once a second from the sampler (on the UI thread); listeners (the chart
 * models) are told of each sample and of a new selection. Paused, samples are still kept, only
 * the drawing stops.
 */
public final class ChartsViewModel {
    /** Told of each sample and each reset; the JFreeChart datasets implement it. */
    public interface Listener {
        void reset(List<CgroupRef> charted);

        void added(MetricSample s, List<MetricsHistory.Marker> markers);

        /** After the samples of one read were all {@link #added}: the moment to draw once. */
        default void applied() { }

        void window(ChartWindow w);

        void paused(boolean paused);
    }

    private final ObservableList<CgroupRef> charted = FXCollections.observableArrayList();
    private final ObjectProperty<ChartWindow> window = new SimpleObjectProperty<>(ChartWindow.ONE_MINUTE);
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final Map<CgroupRef, MetricsHistory> histories = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public ChartsViewModel() {
        charted.addListener((ListChangeListener<CgroupRef>) c -> {
            histories.keySet().retainAll(charted);
            for (CgroupRef r : charted) histories.computeIfAbsent(r, k -> new MetricsHistory(ChartWindow.ONE_HOUR.span()));
            List<CgroupRef> now = List.copyOf(charted);
            listeners.forEach(l -> l.reset(now));
        });
        window.addListener((o, was, now) -> listeners.forEach(l -> l.window(now)));
        paused.addListener((o, was, now) -> listeners.forEach(l -> l.paused(now)));
    }

    public void addListener(Listener l) {
        listeners.add(l);
        l.reset(List.copyOf(charted));
        l.window(window.get());
    }

    /** The cgroups charted (the tree's selection); at most a handful stay readable. */
    public ObservableList<CgroupRef> charted() {
        return charted;
    }

    public ObjectProperty<ChartWindow> windowProperty() {
        return window;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** A snapshot of the charted list for the sampler thread. */
    public List<CgroupRef> chartedNow() {
        return List.copyOf(charted);
    }

    public void apply(List<MetricSample> samples) {
        for (MetricSample s : samples) {
            MetricsHistory h = histories.get(s.cgroup());
            if (h == null) continue; // deselected while it was being read
            List<MetricsHistory.Marker> m = h.add(s);
            listeners.forEach(l -> l.added(s, m));
        }
        listeners.forEach(Listener::applied);
    }

    public MetricsHistory history(CgroupRef ref) {
        return histories.get(ref);
    }

    /** Every kept sample of the charted cgroups, by time. */
    public List<MetricSample> allSamples() {
        List<MetricSample> all = new ArrayList<>();
        for (MetricsHistory h : histories.values()) all.addAll(h.samples());
        all.sort(Comparator.comparing(MetricSample::at).thenComparing(s -> s.cgroup().toString()));
        return all;
    }

    public void exportCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvExport.write(allSamples(), w);
        }
    }
}
