package org.corral.proc;

import java.util.Collection;
import java.util.Optional;

/**
 * A cgroup named in Corral's CLI notation, matched against {@link ProcCgroupEntry} lines:
 *
 * <ul>
 *   <li>{@code /a/b} — the cgroup v2 entry (hierarchy ID 0, no controllers) with path /a/b;</li>
 *   <li>{@code CONTROLLER:/a/b} — the v1 entry whose controller list contains CONTROLLER, e.g.
 *       {@code memory:/a/b}, {@code cpuacct:/a/b} (matches {@code 2:cpu,cpuacct:/a/b}),
 *       {@code name=systemd:/x}.</li>
 * </ul>
 *
 * The path is compared exactly (no prefix or subtree match). As elsewhere in the CLI
 * ({@code corral stat}, {@code tree}), the leading '/' may be left out ({@code a/b} is
 * {@code /a/b}, {@code memory:a} is {@code memory:/a}) and a trailing '/' is dropped; a path
 * with a {@code .} or {@code ..} component, an empty component ({@code //}), a NUL or a line
 * break is refused. The path may contain ':' ({@code /a:b}, {@code memory:/a:b}): only a ':'
 * before the first '/' separates the controller.
 *
 * @param controller empty for v2, else the v1 controller (or {@code name=NAME})
 * @param path       the cgroup path, starting with '/'
 */
public record ProcCgroupMatcher(Optional<String> controller, String path) {

    /**
     * @throws IllegalArgumentException with a message fit for the user ("invalid cgroup '../x': ...")
     */
    public static ProcCgroupMatcher parse(String notation) {
        if (notation == null || notation.isEmpty()) throw invalid(String.valueOf(notation), "it is empty");
        for (int i = 0; i < notation.length(); i++) {
            char ch = notation.charAt(i);
            if (ch == 0 || ch == '\n' || ch == '\r') {
                throw invalid(notation.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r"),
                        "it contains a control character");
            }
        }
        Optional<String> controller = Optional.empty();
        String path = notation;
        int colon = notation.indexOf(':');
        int slash = notation.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            String c = notation.substring(0, colon);
            if (c.isEmpty()) throw invalid(notation, "no controller before ':' (expected /PATH or CONTROLLER:/PATH)");
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-' || ch == '.' || ch == '=')) {
                    throw invalid(notation, "'" + c + "' is not a controller name");
                }
            }
            controller = Optional.of(c);
            path = notation.substring(colon + 1);
        }
        if (!path.startsWith("/")) path = "/" + path;
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.length() > 1) {
            int start = 1;
            for (int i = 1; i <= path.length(); i++) {
                if (i == path.length() || path.charAt(i) == '/') {
                    String part = path.substring(start, i);
                    if (part.isEmpty()) throw invalid(notation, "it has an empty part ('//')");
                    if (part.equals(".") || part.equals("..")) {
                        throw invalid(notation, "'" + part + "' is not allowed in a cgroup path");
                    }
                    start = i + 1;
                }
            }
        }
        return new ProcCgroupMatcher(controller, path);
    }

    /** Whether {@code entry} is the hierarchy this names, with exactly this path. */
    public boolean matches(ProcCgroupEntry entry) {
        if (!entry.path().equals(path)) return false;
        return controller.isEmpty() ? entry.isV2() : entry.hasController(controller.get());
    }

    /** Whether any of a process's entries matches. */
    public boolean matchesAny(Collection<ProcCgroupEntry> entries) {
        for (ProcCgroupEntry e : entries) if (matches(e)) return true;
        return false;
    }

    /** Back in CLI notation. */
    @Override public String toString() {
        return controller.map(c -> c + ":" + path).orElse(path);
    }

    private static IllegalArgumentException invalid(String notation, String why) {
        return new IllegalArgumentException("invalid cgroup '" + notation + "': " + why);
    }
}
