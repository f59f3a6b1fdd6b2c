package org.corral.cgroup;

import java.util.Map;

/**
 * v1 memory.oom_control, flat keyed:
 * <pre>
 * oom_kill_disable 0
 * under_oom 0
 * oom_kill 3
 * </pre>
 * (oom_kill is there since Linux 4.13.)
 */
public record OomControl(boolean oomKillDisabled, boolean underOom, long oomKill) {
    public static OomControl parse(String text) {
        Map<String, Long> m = KeyedFile.parse(text);
        return new OomControl(m.getOrDefault("oom_kill_disable", 0L) != 0,
                m.getOrDefault("under_oom", 0L) != 0, m.getOrDefault("oom_kill", 0L));
    }
}
