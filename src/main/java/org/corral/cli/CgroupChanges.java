package org.corral.cli;

import java.util.List;

/**
 * What the CLI's write commands ask for. As root the changes are made directly
 * ({@link DirectChanges}); an ordinary user's go through the privileged backend (pkexec).
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
        if (org.corral.sys.Sys.geteuid() == 0) return new DirectChanges(org.corral.cgroup.Hierarchies.detect());
        throw new IllegalStateException("changing cgroups needs root; run corral with sudo "
                + "(the pkexec backend for ordinary users is not installed yet)");
    }
}
