package org.corral.ui.charts;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.corral.cgroup.MemoryLimit;

/**
 * The charted samples as CSV, one row per cgroup and second, in the JSON conventions of the
 * CLI: bytes, a limit as a number or "max", an empty cell where the host has no such value.
 */
public final class CsvExport {
    public static final String HEADER = "time,cgroup,memory.current,memory.high,memory.max,cpu_percent,"
            + "throttled_percent,psi_cpu_some_avg10,psi_memory_some_avg10,psi_io_some_avg10,oom_kill,max_events";

    private CsvExport() {}

    public static void write(List<MetricSample> samples, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (MetricSample s : samples) {
            out.write(String.join(",", s.at().toString(), quote(s.cgroup().toString()), num(s.memoryCurrent()),
                    limit(s.memoryHigh()), limit(s.memoryMax()), dec(s.cpuPercent()), dec(s.throttledPercent()),
                    dec(s.psiCpu()), dec(s.psiMemory()), dec(s.psiIo()), num(s.oomKills()), num(s.maxEvents())));
            out.write('\n');
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String num(Long v) {
        return v == null ? "" : Long.toString(v);
    }

    private static String dec(Double v) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static String limit(MemoryLimit l) {
        return l == null ? "" : l.kernelValue();
    }
}
