package org.corral.systemd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.sys.Sys;
import org.corral.sys.SysCallException;

/**
 * Reads the marks systemd puts on delegated cgroups: the extended attribute
 * {@code trusted.delegate} = "1" (system manager, systemd 249+) and {@code user.delegate} = "1"
 * (also set by user managers, which cannot write trusted.*; systemd 251+). systemd's own
 * cg_is_delegated() reads trusted.delegate first and falls back to user.delegate; so does this.
 * Only root may read trusted.* xattrs, so for other callers user.delegate is what is seen.
 *
 * <p>systemd sets the marks in its main hierarchy (the v2 one; name=systemd on legacy hosts), not
 * in v1 controller hierarchies, so the same path is looked up there.
 */
public final class DelegationMarks implements DelegationProbe {
    static final List<String> XATTRS = List.of("trusted.delegate", "user.delegate");

    private final Hierarchies hierarchies;

    public DelegationMarks(Hierarchies hierarchies) {
        this.hierarchies = hierarchies;
    }

    @Override
    public boolean isDelegated(CgroupRef unitCgroup, String unit) {
        for (Path dir : candidates(unitCgroup)) {
            Optional<Boolean> mark = markOf(dir);
            if (mark.isPresent()) return mark.get();
        }
        return false;
    }

    /** The mark on one directory: present and "1"/"yes"/"true", present and other, or absent/unreadable. */
    static Optional<Boolean> markOf(Path dir) {
        for (String name : XATTRS) {
            try {
                Optional<byte[]> v = Sys.getxattr(dir, name);
                if (v.isPresent()) return Optional.of(isTrue(new String(v.get(), StandardCharsets.UTF_8)));
            } catch (SysCallException e) {
                // EPERM for trusted.* as non-root, EOPNOTSUPP on a filesystem without xattrs,
                // ENOENT for a cgroup that went away: try the next name, else "no mark"
            }
        }
        return Optional.empty();
    }

    private static boolean isTrue(String v) {
        String s = v.strip();
        return s.equals("1") || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("true");
    }

    private List<Path> candidates(CgroupRef ref) {
        List<Path> dirs = new ArrayList<>();
        hierarchies.unified().ifPresent(h -> dirs.add(h.dirOf(ref.path())));
        hierarchies.v1For("name=systemd").map(h -> h.dirOf(ref.path())).ifPresent(dirs::add);
        Path own = ref.dir();
        if (!dirs.contains(own)) dirs.add(own);
        return dirs.stream().filter(Files::isDirectory).distinct().toList();
    }
}
