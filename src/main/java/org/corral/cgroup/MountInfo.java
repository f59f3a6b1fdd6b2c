package org.corral.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * One parser for /proc/PID/mountinfo (proc(5)):
 * <pre>
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 * </pre>
 * (1) mount ID (2) parent ID (3) major:minor (4) root: the path within the filesystem that
 * forms this mount's root (5) mount point (6) mount options (7) zero or more optional fields
 * "tag[:value]" (8) a single hyphen (9) filesystem type (10) source (11) super options.
 * Paths escape space, tab, newline and backslash as octal (\040 ...).
 */
public final class MountInfo {
    private MountInfo() {}

    public record Line(int mountId, int parentId, String root, String mountPoint, String options,
                       String fsType, String source, String superOptions, List<String> optionalFields) {
        /** Field (7) has "shared:N": mounts and unmounts below it propagate to its peer group. */
        public boolean isShared() {
            return optionalFields.stream().anyMatch(f -> f.startsWith("shared:"));
        }
    }

    public static List<Line> parse(String text) {
        List<Line> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            if (raw.isBlank()) continue;
            String[] f = raw.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (dash < 0 || f.length < dash + 3) continue; // not a line we understand: skip it
            try {
                out.add(new Line(Integer.parseInt(f[0]), Integer.parseInt(f[1]), unescape(f[3]),
                        unescape(f[4]), f[5], f[dash + 1], unescape(f[dash + 2]),
                        f.length > dash + 3 ? f[dash + 3] : "", List.of(f).subList(6, dash)));
            } catch (NumberFormatException e) {
                // skip a malformed line rather than failing the whole detection
            }
        }
        return out;
    }

    /** Undoes the kernel's octal escapes (\040 for space, \011 tab, \012 newline, \134 backslash). */
    public static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && isOctal(s.charAt(i + 1)) && isOctal(s.charAt(i + 2))
                    && isOctal(s.charAt(i + 3))) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }
}
