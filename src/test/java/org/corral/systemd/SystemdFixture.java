package org.corral.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.HostRoot;

/**
 * A host root in a temp dir: proc/self/mountinfo with real line shapes (a systemd host's unified
 * or hybrid layout) and, when systemd "runs", run/systemd/system. Delegation is given as the set
 * of unit cgroup paths that carry the mark.
 */
public final class SystemdFixture {
    public static final String UNIFIED = """
            25 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            36 25 0:31 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
            """;
    public static final String HYBRID = """
            25 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            33 25 0:27 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
            34 33 0:28 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
            35 33 0:29 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
            38 33 0:32 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,memory
            39 33 0:33 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,cpuset
            """;

    public final Path root;
    public final Hierarchies hierarchies;
    public final SystemdHost host;

    public SystemdFixture(Path dir, String mountinfo, boolean systemdRuns) throws IOException {
        this.root = dir;
        Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(dir.resolve("proc/self/mountinfo"), mountinfo);
        if (systemdRuns) Files.createDirectories(dir.resolve("run/systemd/system"));
        this.hierarchies = Hierarchies.detect(HostRoot.at(dir));
        this.host = SystemdHost.detect(HostRoot.at(dir));
    }

    public WritePolicy policy(Set<String> delegatedUnitCgroups) {
        DelegationProbe probe = (ref, unit) -> delegatedUnitCgroups.contains(ref.path().toString());
        return new WritePolicy(new OwnershipClassifier(host, probe));
    }

    public CgroupRef v2(String path) {
        return new CgroupRef(hierarchies.unified().orElseThrow(), CgroupPath.parse(path));
    }

    public CgroupRef v1(String controller, String path) {
        Hierarchy h = hierarchies.v1For(controller).orElseThrow();
        return new CgroupRef(h, CgroupPath.parse(path));
    }
}
