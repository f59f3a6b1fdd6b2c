package org.corral.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser of {@code /proc/PID/cgroup} (proc(5), cgroups(7)): one line per hierarchy the kernel
 * has mounted or knows,
 *
 * <pre>
 *   hierarchy-ID:controller-list:cgroup-path
 *
 *   9:name=systemd:/
 *   4:memory:/process_api/4332f929b5a8981e183d404c8bab4227
 *   1:cpu:/
 *   0::/corral-fixture:a
 * </pre>
 *
 * A v1 line has the hierarchy ID and a comma-separated controller list ({@code cpu,cpuacct};
 * a named hierarchy shows as {@code name=systemd}); the v2 line is {@code 0::PATH}. The path
 * is everything after the SECOND colon and may itself contain ':' — never split on all colons.
 */
public final class ProcCgroupFile {
    private ProcCgroupFile() {}

    /**
     * All lines, in file order.
     *
     * @throws IllegalArgumentException for a line without two colons or with a bad hierarchy ID
     */
    public static List<ProcCgroupEntry> parse(String content) {
        List<ProcCgroupEntry> out = new ArrayList<>(12);
        int i = 0, n = content.length();
        while (i < n) {
            int end = content.indexOf('\n', i);
            if (end < 0) end = n;
            if (end > i) out.add(parseLine(content.substring(i, end)));
            i = end + 1;
        }
        return List.copyOf(out);
    }

    /** One line, {@code hierarchy-ID:controller-list:cgroup-path}, without the newline. */
    public static ProcCgroupEntry parseLine(String line) {
        int c1 = line.indexOf(':');
        int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
        if (c1 <= 0 || c2 < 0) {
            throw new IllegalArgumentException("not a /proc/PID/cgroup line (hierarchy-ID:controller-list:path): '" + line + "'");
        }
        int id;
        try {
            id = Integer.parseInt(line, 0, c1, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad hierarchy ID in /proc/PID/cgroup line '" + line + "'");
        }
        if (id < 0) throw new IllegalArgumentException("negative hierarchy ID in /proc/PID/cgroup line '" + line + "'");
        List<String> controllers = c2 == c1 + 1 ? List.of() : splitCommas(line, c1 + 1, c2);
        return new ProcCgroupEntry(id, controllers, line.substring(c2 + 1));
    }

    private static List<String> splitCommas(String s, int from, int to) {
        List<String> parts = new ArrayList<>(2);
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == ',') {
                if (i > start) parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }
}
