package org.corral.ui.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;

/**
 * What the launch dialog asks for, checked: the argv to execute, the new namespaces, a
 * hostname and NIS domain name (only with a new UTS namespace), a jail (a directory to chroot into, or the
 * "minimal" jail of read-only bind mounts; null: none), the cgroup name, the limits as the
 * person typed them (each checked), and the user to run as (null: the caller).
 */
public record LaunchPlan(List<String> argv, Set<NsType> namespaces, String hostname, String domainname, Path jail, boolean minimalJail,
                         String cgroupName, Map<LimitKey, String> limits, String user) {
    public LaunchPlan {
        argv = List.copyOf(argv);
        namespaces = Set.copyOf(namespaces);
        limits = Map.copyOf(limits);
    }
}
