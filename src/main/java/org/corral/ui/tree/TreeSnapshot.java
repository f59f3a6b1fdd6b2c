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
 * {@code read} had their files read (null: all did); the others keep the numbers they had.
 */
public record TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent, Set<CgroupPath> read) {
    /** A read of every cgroup's files. */
    public TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent) {
        this(hierarchy, root, cpuPercent, null);
    }

    /** Whether this cgroup's files were read (else its stats are {@code CgroupStats.unread}). */
    public boolean wasRead(CgroupPath path) {
        return read == null || read.contains(path);
    }
}
