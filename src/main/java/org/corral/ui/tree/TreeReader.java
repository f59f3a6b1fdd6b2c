package org.corral.ui.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.StatsFiles;
import org.corral.ui.RateMeter;

/** Reads a hierarchy for the tree, on a sampler thread (one reader per thread). */
public final class TreeReader {
    private final CgroupScanner scanner = new CgroupScanner();
    private final Map<Hierarchy, RateMeter<CgroupPath>> meters = new HashMap<>();
    private final LongSupplier nanos;
    private final Hierarchies hierarchies;

    /**
     * @param hierarchies where to find CPU usage for a hierarchy that has none (a v1 memory
     *                    cgroup's usage is read from the same path in the cpuacct hierarchy)
     */
    public TreeReader(Hierarchies hierarchies) {
        this(hierarchies, System::nanoTime);
    }

    TreeReader(Hierarchies hierarchies, LongSupplier nanos) {
        this.hierarchies = hierarchies;
        this.nanos = nanos;
    }

    /** @return null when the hierarchy's root cannot be read (unmounted meanwhile) */
    public synchronized TreeSnapshot read(Hierarchy h) {
        return read(h, null, Set.of());
    }

    /**
     * The whole tree's shape, with the files read only of the root and of {@code shown} (the
     * rows on screen and the selected ones; null: every cgroup, whole). A tree of thousands
     * shows a few dozen rows, and the files are most of a read's cost; of those, a row needs
     * only the files it shows ({@link StatsFiles#TREE}), but the selected ones ({@code whole})
     * are read whole for the details pane.
     *
     * @return null when the hierarchy's root cannot be read (unmounted meanwhile)
     */
    public synchronized TreeSnapshot read(Hierarchy h, Set<CgroupPath> shown, Set<CgroupPath> whole) {
        Set<CgroupPath> read = shown == null ? null : new HashSet<>(shown);
        if (read != null) {
            read.add(CgroupPath.ROOT);
            read.addAll(whole);
        }
        CgroupNode root = (read == null ? scanner.scan(h)
                : scanner.scan(h, p -> whole.contains(p) ? StatsFiles.ALL : read.contains(p) ? StatsFiles.TREE : null)).orElse(null);
        if (root == null) return null;
        long now = nanos.getAsLong();
        RateMeter<CgroupPath> meter = meters.computeIfAbsent(h, k -> new RateMeter<>());
        Map<CgroupPath, Double> cpu = new HashMap<>();
        Set<CgroupPath> seen = new HashSet<>();
        Hierarchy cpuacct = h.isV2() || h.has("cpuacct") || hierarchies == null ? null
                : hierarchies.forController("cpuacct").filter(x -> !x.isV2()).orElse(null);
        root.flatten().forEach(n -> {
            seen.add(n.path());
            if (read != null && !read.contains(n.path())) return; // not read: its meter waits for the next read
            var c = n.stats().cpu();
            Long usage = c != null && c.stat() != null ? Long.valueOf(c.stat().usageUsec())
                    : cpuacct != null ? cpuacctUsageUsec(cpuacct, n.path()) : null;
            if (usage != null) {
                Double p = meter.percent(n.path(), usage, now, 1e6);
                if (p != null) cpu.put(n.path(), p);
            }
        });
        meter.retain(seen);
        return new TreeSnapshot(h, root, cpu, read == null ? null : Set.copyOf(read), read == null ? null : Set.copyOf(whole));
    }

    /** cpuacct.usage (nanoseconds) of the same path in the cpuacct hierarchy, in µs; null if absent. */
    private static Long cpuacctUsageUsec(Hierarchy cpuacct, CgroupPath path) {
        try {
            return Long.parseLong(Files.readString(cpuacct.dirOf(path).resolve("cpuacct.usage")).strip()) / 1000;
        } catch (IOException | NumberFormatException e) {
            return null; // no such cgroup there
        }
    }
}
