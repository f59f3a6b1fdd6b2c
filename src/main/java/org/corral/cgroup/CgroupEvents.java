package org.corral.cgroup;

import java.util.Map;

/**
 * cgroup.events (v2), flat keyed:
 * <pre>
 * populated 1
 * frozen 0
 * </pre>
 * populated: this cgroup or a descendant has a live process. frozen: cgroup.freeze took effect.
 */
public record CgroupEvents(boolean populated, boolean frozen) {
    public static CgroupEvents parse(String text) {
        Map<String, Long> m = KeyedFile.parse(text);
        return new CgroupEvents(m.getOrDefault("populated", 0L) != 0, m.getOrDefault("frozen", 0L) != 0);
    }
}
