package org.corral.cgroup;

import java.util.List;

/** One cgroup in a scanned tree: its stats and its children, sorted by name. */
public record CgroupNode(CgroupStats stats, List<CgroupNode> children) {
    public CgroupPath path() {
        return stats.path();
    }

    /** This node and every descendant, depth first. */
    public java.util.stream.Stream<CgroupNode> flatten() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(this),
                children.stream().flatMap(CgroupNode::flatten));
    }
}
