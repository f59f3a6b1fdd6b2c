package org.corral.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * A cgroup's path inside its hierarchy, "/" for the root, "/a/b" below it, validated: no "..",
 * no ".", no empty segment, no NUL or newline, nothing that could name a place outside the
 * hierarchy. Built only through {@link #parse}.
 */
public final class CgroupPath implements Comparable<CgroupPath> {
    public static final CgroupPath ROOT = new CgroupPath(List.of());
    private static final int MAX_SEGMENT = 255;
    private static final int MAX_LENGTH = 4096;

    private final List<String> segments;

    private CgroupPath(List<String> segments) {
        this.segments = segments;
    }

    /**
     * @param text "/a/b" (a leading and trailing slash are optional)
     * @throws InvalidValueException naming the problem
     */
    public static CgroupPath parse(String text) {
        if (text == null || text.isEmpty()) throw bad(text, "it is empty");
        if (text.length() > MAX_LENGTH) throw bad(text.substring(0, 40) + "...", "it is too long");
        String t = text;
        if (t.startsWith("/")) t = t.substring(1);
        if (t.endsWith("/")) t = t.substring(0, t.length() - 1);
        if (t.isEmpty()) return ROOT;
        List<String> segs = new ArrayList<>();
        for (String s : t.split("/", -1)) {
            if (s.isEmpty()) throw bad(text, "it has an empty part ('//')");
            if (s.equals("..") || s.equals(".")) throw bad(text, "'" + s + "' is not allowed in a cgroup path");
            if (s.length() > MAX_SEGMENT) throw bad(text, "a part is longer than 255 characters");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0 || c == '\n' || c == '\r') throw bad(printable(text), "it contains a control character");
            }
            segs.add(s);
        }
        return new CgroupPath(List.copyOf(segs));
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static InvalidValueException bad(String text, String why) {
        return new InvalidValueException("'" + text + "' is not a valid cgroup path: " + why);
    }

    public List<String> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public String name() {
        return isRoot() ? "/" : segments.get(segments.size() - 1);
    }

    public CgroupPath parent() {
        if (isRoot()) return this;
        return new CgroupPath(segments.subList(0, segments.size() - 1));
    }

    /** The child named {@code name}, which must be one valid path segment. */
    public CgroupPath child(String name) {
        CgroupPath one = parse(name);
        if (one.segments.size() != 1) throw bad(name, "a child name must not contain '/'");
        List<String> segs = new ArrayList<>(segments);
        segs.add(one.segments.get(0));
        return new CgroupPath(List.copyOf(segs));
    }

    public int depth() {
        return segments.size();
    }

    public boolean isWithin(CgroupPath ancestor) {
        return segments.size() >= ancestor.segments.size()
                && segments.subList(0, ancestor.segments.size()).equals(ancestor.segments);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CgroupPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public int compareTo(CgroupPath o) {
        return toString().compareTo(o.toString());
    }
}
