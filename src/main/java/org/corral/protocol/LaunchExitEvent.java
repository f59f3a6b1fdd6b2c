package org.corral.protocol;

import java.util.List;

/**
 * Pushed by the backend (a line without an id) when a payload it launched has ended and its
 * cgroups are cleaned up.
 *
 * @param event       always "exited"
 * @param pid         the payload's PID, as in its {@link LaunchResult}
 * @param exitCode    its exit status (128+N: killed by signal N)
 * @param oomKills    OOM kills in its memory cgroup during the run
 * @param cgroupsLeft created cgroups left because processes remain in them
 */
public record LaunchExitEvent(String event, int pid, int exitCode, long oomKills, List<String> cgroupsLeft) {
    public static final String NAME = "exited";

    public LaunchExitEvent(int pid, int exitCode, long oomKills, List<String> cgroupsLeft) {
        this(NAME, pid, exitCode, oomKills, cgroupsLeft);
    }
}
