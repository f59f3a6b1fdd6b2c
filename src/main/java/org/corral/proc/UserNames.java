package org.corral.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.corral.cgroup.HostRoot;

/**
 * UID → user name from {@code /etc/passwd} under a {@link HostRoot} (passwd(5)):
 *
 * <pre>
 *   name:password:UID:GID:GECOS:directory:shell
 *   nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
 * </pre>
 *
 * Read once when created; the first line for a UID wins, as with getpwuid(3) on files. Only the
 * local file is consulted (no NSS: no LDAP, no systemd-userdb), so a UID without a line there
 * shows as its number — as {@code ps} does when NSS has no answer. A missing or unreadable file
 * gives numbers only.
 */
public final class UserNames {
    private final Map<Integer, String> names;

    private UserNames(Map<Integer, String> names) {
        this.names = names;
    }

    public static UserNames load(HostRoot root) {
        Path passwd = root.resolve("/etc/passwd");
        try {
            return new UserNames(parse(new String(Files.readAllBytes(passwd), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new UserNames(Map.of());
        }
    }

    /** The file's content → UID to first name; malformed lines are skipped. */
    public static Map<Integer, String> parse(String content) {
        Map<Integer, String> out = new HashMap<>();
        for (String line : content.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '+' || line.charAt(0) == '-') continue;
            int c1 = line.indexOf(':');
            int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
            int c3 = c2 < 0 ? -1 : line.indexOf(':', c2 + 1);
            if (c1 <= 0 || c3 < 0) continue;
            try {
                out.putIfAbsent(Integer.parseInt(line, c2 + 1, c3, 10), line.substring(0, c1));
            } catch (NumberFormatException e) {
                // not a passwd line; skip it
            }
        }
        return Map.copyOf(out);
    }

    /** The name, or the number as text when there is none. */
    public String nameOf(int uid) {
        String n = names.get(uid);
        return n != null ? n : Integer.toString(uid);
    }
}
