package org.corral.cgroup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "flat keyed" format of cgroup-v2.rst ("Interface Files / Format"), used by cpu.stat,
 * memory.stat, memory.events, cgroup.events, pids.events and v1's memory.stat / oom_control:
 * <pre>
 *   KEY0 VAL0\n
 *   KEY1 VAL1\n
 * </pre>
 * Values that are not integers are skipped; keys the kernel adds later are kept.
 */
final class KeyedFile {
    private KeyedFile() {}

    static Map<String, Long> parse(String text) {
        Map<String, Long> map = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int eol = text.indexOf('\n', i);
            if (eol < 0) eol = n;
            int sp = text.indexOf(' ', i);
            if (sp > i && sp < eol) {
                String key = text.substring(i, sp);
                String val = text.substring(sp + 1, eol).strip();
                try {
                    map.put(key, Long.parseLong(val));
                } catch (NumberFormatException ignored) {
                    // e.g. a future non-numeric field: keep going
                }
            }
            i = eol + 1;
        }
        return map;
    }
}
