package org.corral.systemd;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * systemd unit names as they appear in cgroup paths ("system.slice", "session-2.scope",
 * "user@1000.service") and as Corral makes them for its scopes.
 */
public final class UnitNames {
    /** Unit types that have a cgroup of their own (systemd.unit(5): slice, scope, service, socket, mount, swap). */
    public static final Set<String> CGROUP_TYPES = Set.of("slice", "scope", "service", "socket", "mount", "swap");

    /** unit_name_is_valid(): [a-zA-Z0-9:-_.\\] plus one '@' for templates, at most 255 chars. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.[a-z]+");
    private static final Pattern USER_MANAGER = Pattern.compile("user@(\\d+)\\.service");
    private static final int MAX_LENGTH = 255;

    private UnitNames() {}

    /** Whether a cgroup directory name is a unit name with a cgroup ("foo.service", "a-b.slice"). */
    public static boolean isCgroupUnit(String name) {
        return name.length() <= MAX_LENGTH && VALID.matcher(name).matches() && CGROUP_TYPES.contains(type(name));
    }

    /** "service" for "foo.service". */
    public static String type(String unit) {
        int dot = unit.lastIndexOf('.');
        return dot < 0 ? "" : unit.substring(dot + 1);
    }

    public static boolean isSlice(String unit) {
        return unit.endsWith(".slice");
    }

    /** The uid of a per-user service manager's unit "user@1000.service". */
    public static Optional<Integer> userManagerUid(String unit) {
        var m = USER_MANAGER.matcher(unit);
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Escapes free text for one part of a unit name as systemd-escape(1) does: ASCII letters,
     * digits, ':', '_' and '.' stay (a leading '.' does not), '/' becomes '-', every other byte
     * of the UTF-8 text becomes "\xNN".
     */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ':' || c == '_' || (c == '.' && i > 0);
            if (c == '/') b.append('-');
            else if (plain) b.append((char) c);
            else b.append(String.format(Locale.ROOT, "\\x%02x", c));
        }
        return b.toString();
    }

    /**
     * A scope name for an app Corral launches: "corral-" + the escaped app name + "-" + a
     * number that keeps it unique (a PID or a counter), e.g. "corral-firefox-4242.scope". Long
     * names are cut so the result stays within systemd's 255 characters.
     */
    public static String scopeFor(String app, long unique) {
        String tail = "-" + unique + ".scope";
        String middle = escape(app.isBlank() ? "app" : app.strip());
        int room = MAX_LENGTH - "corral-".length() - tail.length();
        if (middle.length() > room) middle = middle.substring(0, room);
        // never end a cut inside an "\xNN" escape
        int bs = middle.lastIndexOf('\\');
        if (bs >= 0 && bs > middle.length() - 4) middle = middle.substring(0, bs);
        return "corral-" + middle + tail;
    }

    /**
     * The cgroup path of a slice of the system manager's tree: a slice's name says where it
     * nests (systemd.slice(5)), "user-1000.slice" is "/user.slice/user-1000.slice", "-.slice" is
     * "/".
     */
    public static String sliceCgroupPath(String slice) {
        if (!isSlice(slice)) throw new IllegalArgumentException("'" + slice + "' is not a slice name");
        String name = slice.substring(0, slice.length() - ".slice".length());
        if (name.equals("-")) return "/";
        StringBuilder path = new StringBuilder();
        int from = 0;
        while (true) {
            int dash = name.indexOf('-', from);
            String prefix = dash < 0 ? name : name.substring(0, dash);
            path.append('/').append(prefix).append(".slice");
            if (dash < 0) return path.toString();
            from = dash + 1;
        }
    }
}
