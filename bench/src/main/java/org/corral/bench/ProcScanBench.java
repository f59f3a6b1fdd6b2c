package org.corral.bench;

import java.util.concurrent.TimeUnit;
import org.corral.cgroup.HostRoot;
import org.corral.proc.NamespaceTable;
import org.corral.proc.ProcessScanner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Rows 2 and 4b: every process of /proc with its cgroups and namespaces, then the lsns-like
 * namespace table. A fresh scanner per operation, as one {@code corral ns} run has: its
 * caches (passwd, parsed cgroup files, namespace IDs) are rebuilt every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProcScanBench {
    /** How many processes /proc listed when run.sh started this (reported, not used). */
    @Param("0")
    public int processes;

    @Benchmark
    public NamespaceTable corralScan(CpuTime cpu) {
        cpu.begin();
        NamespaceTable t = NamespaceTable.of(new ProcessScanner(HostRoot.SYSTEM).scanAll());
        cpu.end();
        return t;
    }
}
