package org.corral.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * A chroot jail to build in the payload's new mount namespace (see {@link SetupSteps}).
 *
 * @param kind    MINIMAL: a tmpfs holding read-only binds of the system directories, a fresh
 *                /proc, a minimal /dev and a private /tmp; DIRECTORY: a directory the caller
 *                gives, with /proc, /dev and /tmp mounted where it has them
 * @param dir     the directory (DIRECTORY)
 * @param binds   extra binds, in order
 */
public record JailPlan(Kind kind, Path dir, List<Bind> binds) {
    public enum Kind { MINIMAL, DIRECTORY }

    public JailPlan {
        binds = List.copyOf(binds);
    }

    /** The host directories a minimal jail shows read-only (those that exist; symlinks stay symlinks). */
    public static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc");
}
