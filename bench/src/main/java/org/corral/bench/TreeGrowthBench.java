package org.corral.bench;

import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.Hierarchies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Row 4a: how the tree + stats scan grows with the number of cgroups. run.sh makes one subtree
 * per size and passes them as {@code top}; each is scanned on its own, so the sizes can exist
 * side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TreeGrowthBench {
    /** The subtree, in CG notation ("/corral-bench-X/n1000"). */
    @Param("/")
    public String top;

    /** How many cgroups it holds, counting itself (set by run.sh; checked in setup). */
    @Param("0")
    public int cgroups;

    private CgroupRef ref;

    @Setup
    public void setup() {
        ref = Hierarchies.detect().resolve(top);
        CgroupNode n = new CgroupScanner().scan(ref.hierarchy(), ref.path(), org.corral.cgroup.StatsFiles.TREE)
                .orElseThrow(() -> new IllegalStateException(top + " does not exist"));
        int seen = count(n);
        if (cgroups > 0 && seen != cgroups) {
            throw new IllegalStateException(top + " holds " + seen + " cgroups, run.sh said " + cgroups);
        }
    }

    @Benchmark
    public CgroupNode corralScan(CpuTime cpu) {
        cpu.begin();
        CgroupNode n = new CgroupScanner().scan(ref.hierarchy(), ref.path(), org.corral.cgroup.StatsFiles.TREE).orElseThrow();
        cpu.end();
        return n;
    }

    static int count(CgroupNode n) {
        int c = 1;
        for (CgroupNode k : n.children()) c += count(k);
        return c;
    }
}
