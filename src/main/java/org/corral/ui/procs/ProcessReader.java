package org.corral.ui.procs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.proc.ProcessInfo;
import org.corral.proc.ProcessScanner;
import org.corral.ui.RateMeter;

/** Reads every process for the table, on a sampler thread (not their namespaces: the table shows none). */
public final class ProcessReader {
    /** USER_HZ: /proc/PID/stat utime and stime count in these ticks. */
    private static final double TICKS_PER_SECOND = 100;

    private final ProcessScanner scanner;
    private final RateMeter<ProcessRow.Key> meter = new RateMeter<>();

    public ProcessReader(ProcessScanner scanner) {
        this.scanner = scanner;
    }

    public synchronized ProcessSnapshot read() {
        List<ProcessInfo> all = scanner.scanAllWithoutNamespaces();
        long now = System.nanoTime();
        Map<Integer, Double> cpu = new HashMap<>();
        Set<ProcessRow.Key> seen = new HashSet<>();
        for (ProcessInfo p : all) {
            ProcessRow.Key k = ProcessRow.Key.of(p);
            seen.add(k);
            Double pc = meter.percent(k, p.cpuTicks(), now, TICKS_PER_SECOND);
            if (pc != null) cpu.put(p.pid(), pc);
        }
        meter.retain(seen);
        return new ProcessSnapshot(all, cpu);
    }
}
