package org.corral.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.StatsFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Row 1: the full tree + stats scan that {@code corral tree} makes (every hierarchy, every
 * cgroup, the files its table shows: {@link StatsFiles#TREE}), against the floor: a loop that
 * only opens and reads the same files. run.sh creates the cgroups and records, with strace,
 * which files one scan opens ({@link ScanOnce}); that list is {@link #files}. For scale, the
 * whole read {@code corral tree --json} makes (every file Corral knows: {@link #corralScanWhole}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TreeScanBench {
    /** A file with one path a line: the files one scan opened (for {@link #floor}). */
    @Param("")
    public String files;

    /** How many cgroups run.sh made (reported, not used). */
    @Param("0")
    public int cgroups;

    private String[] paths;
    private final byte[] buffer = new byte[64 * 1024];

    @Setup
    public void setup() throws IOException {
        if (files.isEmpty()) {
            paths = new String[0];
            return;
        }
        List<String> list = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(files))) if (!line.isBlank()) list.add(line.strip());
        paths = list.toArray(String[]::new);
    }

    /** What {@code corral tree} does before printing: detect hierarchies, scan each one. */
    @Benchmark
    public List<CgroupNode> corralScan(CpuTime cpu) {
        cpu.begin();
        List<CgroupNode> r = scanAll(StatsFiles.TREE);
        cpu.end();
        return r;
    }

    /** What {@code corral tree --json} does before printing: every file of every cgroup. */
    @Benchmark
    public List<CgroupNode> corralScanWhole(CpuTime cpu) {
        cpu.begin();
        List<CgroupNode> r = scanAll(StatsFiles.ALL);
        cpu.end();
        return r;
    }

    /**
     * Open, read to EOF, close: every file the scan read, nothing else (a FileChannel: a
     * FileInputStream would add an fstat per file).
     */
    @Benchmark
    public long floor(CpuTime cpu) {
        cpu.begin();
        long total = 0;
        ByteBuffer b = ByteBuffer.wrap(buffer);
        for (String p : paths) {
            try (FileChannel in = FileChannel.open(Path.of(p), StandardOpenOption.READ)) {
                int n;
                b.clear();
                while ((n = in.read(b)) > 0) {
                    total += n;
                    b.clear();
                }
            } catch (IOException gone) {
                total--; // e.g. a v1 file the kernel lists but cannot read; the scan met it too
            }
        }
        cpu.end();
        return total;
    }

    static List<CgroupNode> scanAll(StatsFiles files) {
        CgroupScanner scanner = new CgroupScanner();
        List<CgroupNode> roots = new ArrayList<>();
        for (Hierarchy h : Hierarchies.detect().all()) scanner.scan(h, CgroupPath.ROOT, files).ifPresent(roots::add);
        return roots;
    }
}
