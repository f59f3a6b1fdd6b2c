package org.corral.ui.charts;

import java.time.Instant;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.MemoryLimit;

/**
 * One reading of a charted cgroup. Null means "not available here" (e.g. no PSI on this
 * kernel, no memory.high on cgroup v1), never zero.
 *
 * @param cpuPercent       usage_usec delta over wall time, percent of one CPU
 * @param throttledPercent throttled_usec delta over wall time: how much of the time it was held back by cpu.max
 * @param oomKills         memory.events oom_kill so far (v1: memory.oom_control oom_kill)
 * @param maxEvents        memory.events max so far (v1: failcnt): times usage hit the limit
 * @param psiOfHost        the PSI values are the host's (/proc/pressure): the cgroup has none (v1, or PSI off)
 */
public record MetricSample(CgroupRef cgroup, Instant at, Long memoryCurrent, MemoryLimit memoryHigh,
                           MemoryLimit memoryMax, Double cpuPercent, Double throttledPercent,
                           Double psiCpu, Double psiMemory, Double psiIo, Long oomKills, Long maxEvents,
                           boolean psiOfHost) {}
