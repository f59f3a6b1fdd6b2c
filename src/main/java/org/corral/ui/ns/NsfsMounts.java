package org.corral.ui.ns;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.corral.cgroup.HostRoot;
import org.corral.cgroup.MountInfo;
import org.corral.proc.NamespaceId;

/**
 * Namespaces kept alive by bind mounts: nsfs entries in mountinfo, whose root field is the
 * namespace ("net:[4026532281]") and whose mount point is where /proc/PID/ns/KIND was bound
 * (`mount --bind /proc/PID/ns/uts ~/uts`, or /run/netns/NAME from `ip netns add NAME`).
 */
public final class NsfsMounts {
    private NsfsMounts() {}

    public static Map<NamespaceId, String> read(HostRoot root) {
        try {
            return parse(Files.readString(root.resolve("/proc/self/mountinfo")));
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<NamespaceId, String> parse(String mountinfo) {
        Map<NamespaceId, String> out = new LinkedHashMap<>();
        for (MountInfo.Line l : MountInfo.parse(mountinfo)) {
            if (!l.fsType().equals("nsfs")) continue;
            try {
                NamespaceId id = NamespaceId.parse(l.root());
                out.merge(id, l.mountPoint(), (a, b) -> a + ", " + b);
            } catch (IllegalArgumentException notANamespace) {
                // some other nsfs root; nothing to show
            }
        }
        return out;
    }
}
