package org.corral.cgroup;

import java.nio.file.Path;

/**
 * The one root every kernel path is built from. {@link #SYSTEM} is the real machine; a fixture
 * tree captured from another machine (with its own {@code proc/} and {@code sys/}) is read by
 * passing its directory, so the same parsers run on both.
 */
public record HostRoot(Path root) {
    public static final HostRoot SYSTEM = new HostRoot(Path.of("/"));

    public static HostRoot at(Path dir) {
        return new HostRoot(dir);
    }

    /** {@code /proc} under this root. */
    public Path proc() {
        return resolve("/proc");
    }

    /** An absolute path as the kernel names it ("/sys/fs/cgroup/memory"), under this root. */
    public Path resolve(String absolute) {
        String rel = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    public boolean isSystem() {
        return root.equals(SYSTEM.root);
    }
}
