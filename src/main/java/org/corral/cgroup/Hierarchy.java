package org.corral.cgroup;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mounted cgroup hierarchy.
 *
 * @param version     v1 or v2
 * @param mountPoint  where it is mounted, as the kernel names it ("/sys/fs/cgroup/memory")
 * @param mountRoot   the cgroup mounted there (mountinfo field 4; "/" except inside containers)
 * @param controllers v1: the controllers bound to it, named ones as "name=systemd"; v2: the
 *                    controllers in the root's cgroup.controllers
 * @param dir         the mount point under the {@link HostRoot} the hierarchy was read from
 */
public record Hierarchy(CgroupVersion version, String mountPoint, String mountRoot,
                        Set<String> controllers, Path dir) {

    public boolean isV2() {
        return version == CgroupVersion.V2;
    }

    public boolean has(String controller) {
        return controllers.contains(controller);
    }

    /** "v2", or the v1 controller list as /proc/PID/cgroup writes it ("cpu,cpuacct"). */
    public String label() {
        if (isV2()) return "v2";
        return String.join(",", new java.util.TreeSet<>(controllers));
    }

    /** The directory of a cgroup in this hierarchy (no checks: see CgroupWriter for those). */
    public Path dirOf(CgroupPath path) {
        Path d = dir;
        for (String seg : path.segments()) d = d.resolve(seg);
        return d;
    }
}
