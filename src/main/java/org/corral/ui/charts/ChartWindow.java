package org.corral.ui.charts;

import java.time.Duration;

/** How much history the charts show. At 1 Hz the longest is 3600 points per series. */
public enum ChartWindow {
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    TEN_MINUTES("10 min", Duration.ofMinutes(10)),
    ONE_HOUR("1 h", Duration.ofHours(1));

    private final String label;
    private final Duration span;

    ChartWindow(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    @Override public String toString() {
        return label;
    }
}
