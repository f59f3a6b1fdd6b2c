package org.corral.cgroup;

import java.util.HashSet;
import java.util.Set;

/**
 * Which of a cgroup's files a read opens. The files are most of a scan's cost (one open, two
 * reads and a close each; bench/RESULTS.md, row 1), and a tree of thousands of cgroups shows a
 * few numbers per row: {@link #TREE} reads those, {@link #ALL} everything {@link CgroupStats}
 * holds (the details pane, {@code corral tree --json}).
 *
 * <p>A file left out reads as a file that is not there: its field is null, and a group whose
 * files are all left out (pressure, io, cpuset, pids in {@link #TREE}) is null as a whole. So a
 * caller that asks for fewer files must not take a null for "no controller"; only the caller
 * that chose the set knows.
 */
public final class StatsFiles {
    /** Every file {@link CgroupReader} knows. */
    public static final StatsFiles ALL = new StatsFiles("all", null, null);

    /**
     * What a row of the tree shows ({@code corral tree}'s table, the app's tree): processes,
     * memory in use and its limit (and the ancestors' limits, for the effective one), CPU
     * usage, frozen, OOM kills, controllers handed down and the cgroup's type (a move into a
     * cgroup that hands controllers down is refused before it is tried: no internal processes).
     */
    public static final StatsFiles TREE = new StatsFiles("tree",
            Set.of("cgroup.procs", "cgroup.events", "cgroup.type", "cgroup.subtree_control",
                    "memory.current", "memory.max", "memory.events", "cpu.stat"),
            // v1: memory.events is made from the two failcnts and oom_control; CPU usage from
            // cpuacct (user and system from cpuacct.stat, throttling from cpu.stat)
            Set.of("cgroup.procs", "freezer.state",
                    "memory.usage_in_bytes", "memory.limit_in_bytes", "memory.failcnt", "memory.memsw.failcnt",
                    "memory.oom_control", "cpuacct.usage", "cpuacct.stat", "cpu.stat"));

    private final String name;
    private final Set<String> v2;
    private final Set<String> v1;

    private StatsFiles(String name, Set<String> v2, Set<String> v1) {
        this.name = name;
        this.v2 = v2;
        this.v1 = v1;
    }

    /** The entries of a cgroup directory this set reads (all of them for {@link #ALL}). */
    Set<String> of(Set<String> entries, boolean isV2) {
        Set<String> wanted = isV2 ? v2 : v1;
        if (wanted == null) return entries;
        Set<String> out = new HashSet<>();
        for (String w : wanted) if (entries.contains(w)) out.add(w);
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
