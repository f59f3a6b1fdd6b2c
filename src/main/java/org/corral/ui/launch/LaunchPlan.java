package org.corral.ui.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;

/**
 * What the launch dialog asks for, checked: the argv to execute, the new namespaces, a
 * hostname (only with a new UTS namespace), a jail directory to chroot into (null: none), the
 * cgroup name, and the limits as the kernel will receive them.
 */
public record LaunchPlan(List<String> argv, Set<NsType> namespaces, String hostname, Path jail,
                         String cgroupName, Map<LimitKey, String> limits) {
    public LaunchPlan {
        argv = List.copyOf(argv);
        namespaces = Set.copyOf(namespaces);
        limits = Map.copyOf(limits);
    }
}
