package org.corral.ui.procs;

import java.util.List;
import java.util.Map;
import org.corral.proc.ProcessInfo;

/** One read of /proc, off the UI thread, with each process's CPU % since the previous read. */
public record ProcessSnapshot(List<ProcessInfo> processes, Map<Integer, Double> cpuPercent) {}
