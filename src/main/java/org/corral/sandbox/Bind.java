package org.corral.sandbox;

import java.nio.file.Path;

/**
 * A bind mount into a jail: {@code source} on the host appears at {@code target} inside.
 *
 * @param readOnly mounted read-only (writes fail with EROFS)
 */
public record Bind(Path source, Path target, boolean readOnly) {

    /**
     * Parses {@code SRC} or {@code SRC:DST}; both absolute paths without "..". A ':' in a path
     * cannot be written (it separates the two).
     */
    public static Bind parse(String text, boolean readOnly) {
        String opt = readOnly ? "--ro-bind" : "--bind";
        if (text == null || text.isBlank()) throw new LaunchException(opt + " needs SRC or SRC:DST");
        String[] parts = text.split(":", -1);
        if (parts.length > 2) throw new LaunchException(opt + " '" + text + "': use SRC or SRC:DST (one ':')");
        Path src = absolute(opt, parts[0]);
        Path dst = parts.length == 2 ? absolute(opt, parts[1]) : src;
        if (dst.getNameCount() == 0) throw new LaunchException(opt + " '" + text + "': the jail's / itself cannot be a bind target");
        return new Bind(src, dst, readOnly);
    }

    static Path absolute(String opt, String p) {
        if (p.isEmpty() || !p.startsWith("/")) throw new LaunchException(opt + ": '" + p + "' must be an absolute path");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7f) throw new LaunchException(opt + ": a path must not contain control characters");
        }
        Path path = Path.of(p);
        for (Path seg : path) {
            if (seg.toString().equals("..") || seg.toString().equals(".")) {
                throw new LaunchException(opt + ": '" + p + "' must not contain '.' or '..'");
            }
        }
        return path.normalize();
    }

    @Override public String toString() {
        return source + (source.equals(target) ? "" : ":" + target) + (readOnly ? " (read-only)" : "");
    }
}
