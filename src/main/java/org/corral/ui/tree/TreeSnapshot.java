package org.corral.ui.tree;

import java.util.Map;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.Hierarchy;

/**
 * One read of a hierarchy, made off the UI thread: the scanned tree and each cgroup's CPU %
 * (from the usage_usec delta since the previous read; absent on the first read and in v1
 * hierarchies without cpuacct).
 */
public record TreeSnapshot(Hierarchy hierarchy, CgroupNode root, Map<CgroupPath, Double> cpuPercent) {}
