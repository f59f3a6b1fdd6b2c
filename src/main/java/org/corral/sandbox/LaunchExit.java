package org.corral.sandbox;

import java.util.List;

/**
 * How a launched payload ended.
 *
 * @param exitCode    its exit status; 128+N when signal N killed it (as a shell reports it)
 * @param oomKills    processes the OOM killer took in its memory cgroup during the launch
 * @param cgroupsLeft cgroups Corral created that still hold processes (the payload's
 *                    descendants outlived it), so were not removed
 */
public record LaunchExit(int exitCode, long oomKills, List<String> cgroupsLeft) {
    public LaunchExit {
        cgroupsLeft = List.copyOf(cgroupsLeft);
    }

    public boolean oomKilled() {
        return oomKills > 0;
    }
}
