package org.corral.ui.tree;

import java.util.Map;
import java.util.Set;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.Hierarchy;

/**
 * One read of a hierarchy, made off the UI thread: the scanned tree and each cgroup's CPU %
 * (from the usage_usec delta since the previous read of that cgroup; absent on the first read
 * and in v1 hierarchies without cpuacct). The tree's shape is whole, but only the cgroups in
 * {@code read} had their files read (null: all did); the others keep the numbers they had. Of
 * those, the ones in {@code readWhole} had all their files read, the others what a row shows
 * ({@link org.corral.cgroup.StatsFiles#TREE}; null: all were read whole).
 */
public record TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent, Set<CgroupPath> read,
                           Set<CgroupPath> readWhole) {
    /** A read of every cgroup's files. */
    public TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent) {
        this(hierarchy, root, cpuPercent, null, null);
    }

    /** A read of the files of {@code read}, all of them whole. */
    public TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent, Set<CgroupPath> read) {
        this(hierarchy, root, cpuPercent, read, read);
    }

    /** Whether this cgroup's files were read (else its stats are {@code CgroupStats.unread}). */
    public boolean wasRead(CgroupPath path) {
        return read == null || read.contains(path);
    }

    /** Whether all of this cgroup's files were read (not only what a row shows). */
    public boolean wasReadWhole(CgroupPath path) {
        return readWhole == null || readWhole.contains(path);
    }
}
