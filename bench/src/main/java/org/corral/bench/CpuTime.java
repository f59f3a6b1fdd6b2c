package org.corral.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time (user + system) of the benchmark thread, beside JMH's wall time. On a shared
 * 2-core machine other work stretches wall time but hardly CPU time, so ratios of CPU times
 * (against hyperfine's user + system of the references) are the steadier verdict. JMH reports
 * the two sums per iteration; {@link Report} divides them.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the operations in this iteration. */
    public long cpuNanos;
    /** Operations in this iteration. */
    public long cpuOps;

    private long start;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        cpuOps = 0;
    }

    void begin() {
        start = THREADS.getCurrentThreadCpuTime();
    }

    void end() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        cpuOps++;
    }
}
