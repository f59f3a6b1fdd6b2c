package org.corral.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.InvalidValueException;

/**
 * The backend's own check of every cgroup a request names, on top of {@link org.corral.cgroup.CgroupPath}'s
 * syntax rules and {@link CgroupWriter#checkedDir}'s symlink walk: the text has no control
 * characters and is not a file-system path; the directory (or, for one about to be created,
 * its nearest existing ancestor) resolves to itself with no symlink, lies inside its
 * hierarchy's mount, and is on that mount's very file system (same device), so nothing
 * mounted inside a cgroup tree (a tmpfs holding symlinks, say) can be reached through it.
 *
 * @see org.corral.cgroup.CgroupPath
 */
final class CgroupGuard {
    private final Hierarchies hierarchies;
    private final CgroupWriter writer;

    CgroupGuard(Hierarchies hierarchies, CgroupWriter writer) {
        this.hierarchies = hierarchies;
        this.writer = writer;
    }

    Hierarchies hierarchies() {
        return hierarchies;
    }

    /** Resolves CLI notation to a checked cgroup, or throws saying what is wrong with it. */
    CgroupRef resolve(String notation) {
        for (int i = 0; i < notation.length(); i++) {
            char c = notation.charAt(i);
            if (c < 0x20 || c == 0x7f) throw new InvalidValueException("the cgroup name contains a control character; none is valid in a cgroup path");
        }
        for (Hierarchy h : hierarchies.all()) {
            String mount = h.mountPoint();
            if (notation.equals(mount) || notation.startsWith(mount + "/")) {
                throw new InvalidValueException("'" + notation + "' is a file-system path; name the cgroup inside its hierarchy instead, e.g. "
                        + (h.isV2() ? "" : h.label().split(",")[0] + ":") + "/" + notation.substring(Math.min(notation.length(), mount.length() + 1)));
            }
        }
        CgroupRef ref = hierarchies.resolve(notation);
        Path dir;
        try {
            dir = writer.checkedDir(ref);
        } catch (InvalidPathException e) {
            throw new InvalidValueException("'" + notation + "' cannot be a file name on this system (file names are "
                    + System.getProperty("sun.jnu.encoding") + " here); use plain ASCII or UTF-8 names");
        }
        Path existing = dir;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !existing.equals(ref.hierarchy().dir())) existing = existing.getParent();
        try {
            Path mount = ref.hierarchy().dir();
            Path realMount = mount.toRealPath();
            Path real = existing.toRealPath();
            if (!real.equals(realMount.resolve(mount.relativize(existing)).normalize()) || !real.startsWith(realMount)) {
                throw new RefusedException(ref + " does not resolve to itself inside " + mount + " (a symlink on the way?); refusing");
            }
            Object dev = Files.getAttribute(real, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            if (!dev.equals(Files.getAttribute(realMount, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                throw new RefusedException(ref + " lies on another file system mounted inside the cgroup tree ("
                        + Files.getFileStore(real).type() + "); refusing");
            }
        } catch (IOException e) {
            throw new RefusedException("cannot check " + ref + ": " + e.getMessage() + "; refusing");
        }
        return ref;
    }
}
