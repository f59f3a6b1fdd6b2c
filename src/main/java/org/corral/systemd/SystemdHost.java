package org.corral.systemd;

import java.nio.file.Files;
import java.util.Set;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.HostRoot;

/**
 * Whether systemd is the cgroup manager of a host, and which hierarchies it manages.
 *
 * <p>systemd is running as the service manager exactly when /run/systemd/system is a directory
 * (what sd_booted(3) checks; /run/systemd alone is also made by logind and others, so it does not
 * count). When it runs, it owns the cgroup tree: the "single-writer" rule of cgroup v2, see
 * systemd's docs/CGROUP_DELEGATION.md.
 */
public record SystemdHost(boolean running) {
    /**
     * The cgroup-v1 controllers systemd manages (CGROUP_DELEGATION.md, "Controller Support"),
     * plus its own named hierarchy. The other v1 hierarchies (cpuset, freezer, net_cls,
     * perf_event, net_prio, hugetlb, rdma, misc) are "up for grabs": systemd mounts them but never
     * writes them.
     */
    public static final Set<String> MANAGED_V1 = Set.of("cpu", "cpuacct", "blkio", "memory", "devices", "pids",
            "name=systemd");

    public static final SystemdHost NONE = new SystemdHost(false);

    public static SystemdHost detect() {
        return detect(HostRoot.SYSTEM);
    }

    public static SystemdHost detect(HostRoot root) {
        return new SystemdHost(Files.isDirectory(root.resolve("/run/systemd/system")));
    }

    /** Whether systemd writes cgroups of this hierarchy (every v2 one; v1 ones by controller). */
    public boolean manages(Hierarchy h) {
        if (!running) return false;
        if (h.isV2()) return true;
        return h.controllers().stream().anyMatch(MANAGED_V1::contains);
    }
}
