package org.corral.cgroup;

import java.util.List;
import java.util.Set;

/**
 * Everything Corral reads about one cgroup, in v2 terms; v1 files are read into the same
 * types. A null field means the file is not there (controller not enabled or not in this
 * hierarchy), never "zero" and never "unlimited".
 */
public record CgroupStats(
        CgroupPath path,
        CgroupVersion version,
        // core
        Set<String> controllers,        // v2 cgroup.controllers
        Set<String> subtreeControl,     // v2 cgroup.subtree_control
        String type,                    // v2 cgroup.type: domain, threaded, domain threaded, domain invalid
        int processes,                  // cgroup.procs lines
        int threads,                    // cgroup.threads (v2) or tasks (v1) lines
        Boolean populated,              // cgroup.events (v2)
        Boolean frozen,                 // cgroup.events (v2) or freezer.state == FROZEN (v1)
        String freezerState,            // v1 freezer.state: THAWED, FREEZING, FROZEN
        Boolean notifyOnRelease,        // v1 notify_on_release
        String releaseAgent,            // v1 release_agent (top cgroup only)
        Memory memory,
        Cpu cpu,
        Cpuset cpuset,
        Pids pids,
        Io io,
        Pressures pressure) {

    /**
     * A cgroup that was listed but whose files were not read ({@link CgroupScanner#scan(Hierarchy,
     * java.util.function.Predicate)}): every field unknown, the counts 0. Only the scan's caller,
     * which chose what to read, can tell it from a read cgroup.
     */
    public static CgroupStats unread(CgroupPath path, CgroupVersion version) {
        return new CgroupStats(path, version, null, null, null, 0, 0, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /**
     * memory.*; v1: usage_in_bytes → current, max_usage_in_bytes → peak, limit_in_bytes → max;
     * events.max there counts failcnt plus memsw.failcnt (hitting the memory+swap limit).
     */
    public record Memory(Long current, Long peak, MemoryStat stat, MemoryEvents events,
                         MemoryLimit min, MemoryLimit low, MemoryLimit high, MemoryLimit max,
                         Long swapCurrent, MemoryLimit swapMax,
                         // v1 only
                         MemoryLimit softLimit, Long failcnt, Long memswFailcnt, OomControl oomControl) {}

    /** cpu.stat, cpu.max, cpu.weight; v1: cpuacct.usage, cfs_quota/period, shares. */
    public record Cpu(CpuStat stat, CpuMax max, CpuWeight weight, Long sharesV1) {}

    /** cpuset.cpus / mems / cpus.effective / mems.effective / cpus.partition. */
    public record Cpuset(CpuList cpus, CpuList mems, CpuList cpusEffective, CpuList memsEffective,
                         String partition) {}

    public record Pids(Long current, CountLimit max) {}

    public record Io(List<IoMax.Device> max) {}

    public record Pressures(Pressure cpu, Pressure memory, Pressure io) {}
}
