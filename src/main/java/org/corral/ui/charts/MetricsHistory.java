package org.corral.ui.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The samples of one cgroup, oldest first, kept for the longest chart window, and the events
 * worth a marker: an OOM kill or the memory limit being hit, found where the memory.events
 * counters grew between two samples.
 */
public final class MetricsHistory {
    /** A point in time to mark on the charts. */
    public record Marker(Instant at, String label) {}

    private final Duration keep;
    private final Deque<MetricSample> samples = new ArrayDeque<>();
    private final Deque<Marker> markers = new ArrayDeque<>();

    public MetricsHistory(Duration keep) {
        this.keep = keep;
    }

    /** Adds a sample; returns the markers it raised (empty mostly). */
    public List<Marker> add(MetricSample s) {
        List<Marker> raised = new ArrayList<>();
        MetricSample prev = samples.peekLast();
        if (prev != null) {
            long oom = grew(prev.oomKills(), s.oomKills());
            if (oom > 0) raised.add(new Marker(s.at(), oom == 1 ? "OOM kill" : oom + " OOM kills"));
            else if (grew(prev.maxEvents(), s.maxEvents()) > 0) raised.add(new Marker(s.at(), "hit memory.max"));
        }
        samples.addLast(s);
        markers.addAll(raised);
        Instant cutoff = s.at().minus(keep);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(cutoff)) samples.removeFirst();
        while (!markers.isEmpty() && markers.peekFirst().at().isBefore(cutoff)) markers.removeFirst();
        return raised;
    }

    private static long grew(Long before, Long after) {
        return before == null || after == null ? 0 : Math.max(0, after - before);
    }

    public List<MetricSample> samples() {
        return new ArrayList<>(samples);
    }

    public List<Marker> markers() {
        return new ArrayList<>(markers);
    }

    public int size() {
        return samples.size();
    }
}
