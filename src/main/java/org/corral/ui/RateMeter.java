package org.corral.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a growing counter (cpu.stat usage_usec, utime+stime ticks) into a rate: the counter's
 * increase divided by the wall time between two readings. The first reading of a key, and a
 * counter that went backwards (a new cgroup or process under a reused name), give no rate.
 */
public final class RateMeter<K> {
    private record Reading(long counter, long nanos) {}

    private final Map<K, Reading> last = new HashMap<>();

    /**
     * @param counterPerSecond how much the counter grows per second of one busy CPU
     *                         (1e6 for microseconds, 100 for USER_HZ ticks)
     * @return percent of one CPU (200 = two CPUs busy), or null when there is no earlier reading
     */
    public Double percent(K key, long counter, long nanos, double counterPerSecond) {
        Reading prev = last.put(key, new Reading(counter, nanos));
        if (prev == null || nanos <= prev.nanos || counter < prev.counter) return null;
        double seconds = (nanos - prev.nanos) / 1e9;
        return (counter - prev.counter) / counterPerSecond / seconds * 100.0;
    }

    /** Forgets keys not seen in the latest round, so the map does not grow forever. */
    public void retain(Set<K> seen) {
        last.keySet().retainAll(seen);
    }
}
