package org.corral.cgroup;

import java.util.Map;

/**
 * memory.events (v2), flat keyed, counts since the cgroup was made:
 * <pre>
 * low 0
 * high 12
 * max 3
 * oom 1
 * oom_kill 1
 * oom_group_kill 0
 * </pre>
 * v1 has only memory.failcnt (times usage hit the limit) and oom_kill in memory.oom_control;
 * they are mapped to max and oom_kill.
 */
public record MemoryEvents(long low, long high, long max, long oom, long oomKill) {

    public static MemoryEvents parse(String text) {
        Map<String, Long> m = KeyedFile.parse(text);
        return new MemoryEvents(m.getOrDefault("low", 0L), m.getOrDefault("high", 0L),
                m.getOrDefault("max", 0L), m.getOrDefault("oom", 0L), m.getOrDefault("oom_kill", 0L));
    }

    public static MemoryEvents fromV1(long failcnt, OomControl oom) {
        long kills = oom == null ? 0 : oom.oomKill();
        return new MemoryEvents(0, 0, failcnt, kills, kills);
    }
}
