package org.corral.cli;

import java.util.List;

/**
 * What the CLI's write commands ask for. As root the changes are made directly
 * ({@link DirectChanges}), or where systemd runs, as {@link SystemdAwareChanges} decides (raw,
 * through systemd, or refused); an ordinary user's go through the privileged backend, started
 * with pkexec so that polkit decides ({@link BackendChanges}).
 * Each method returns one line for the person, e.g. "set /a memory.max = 2G (was max)".
 */
interface CgroupChanges {
    String create(String cgroup);

    String remove(String cgroup);

    String move(List<Integer> pids, String cgroup, boolean threads);

    String set(String cgroup, List<String> keyValues);

    String enable(String cgroup, List<String> changes);

    String freeze(String cgroup);

    String thaw(String cgroup);

    String kill(String cgroup);

    static CgroupChanges forCaller() {
        if (org.corral.sys.Sys.geteuid() == 0) {
            var hierarchies = org.corral.cgroup.Hierarchies.detect();
            var direct = new DirectChanges(hierarchies);
            // Where systemd runs it owns the tree: ask it rather than write behind its back.
            var policy = org.corral.systemd.WritePolicy.forHost(hierarchies);
            if (!policy.systemdRuns()) return direct;
            return new SystemdAwareChanges(hierarchies, direct,
                    new org.corral.systemd.PolicyGate(policy, org.corral.systemd.PolicyGate.SYSTEM_OR_USER_SOCKET, 0));
        }
        return new BackendChanges(BackendChanges.connect());
    }
}
