package org.corral.ui.tree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.Hierarchy;
import org.corral.ui.RateMeter;

/** Reads a hierarchy for the tree, on a sampler thread (one reader per thread). */
public final class TreeReader {
    private final CgroupScanner scanner = new CgroupScanner();
    private final Map<Hierarchy, RateMeter<CgroupPath>> meters = new HashMap<>();
    private final LongSupplier nanos;

    public TreeReader() {
        this(System::nanoTime);
    }

    TreeReader(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** @return null when the hierarchy's root cannot be read (unmounted meanwhile) */
    public synchronized TreeSnapshot read(Hierarchy h) {
        CgroupNode root = scanner.scan(h).orElse(null);
        if (root == null) return null;
        long now = nanos.getAsLong();
        RateMeter<CgroupPath> meter = meters.computeIfAbsent(h, k -> new RateMeter<>());
        Map<CgroupPath, Double> cpu = new HashMap<>();
        Set<CgroupPath> seen = new HashSet<>();
        root.flatten().forEach(n -> {
            seen.add(n.path());
            var c = n.stats().cpu();
            if (c != null && c.stat() != null) {
                Double p = meter.percent(n.path(), c.stat().usageUsec(), now, 1e6);
                if (p != null) cpu.put(n.path(), p);
            }
        });
        meter.retain(seen);
        return new TreeSnapshot(h, root, cpu);
    }
}
