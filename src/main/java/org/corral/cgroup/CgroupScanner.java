package org.corral.cgroup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans a hierarchy into a tree. Every sub-directory of a cgroup directory is a child cgroup.
 * A cgroup removed during the scan is simply left out.
 */
public final class CgroupScanner {
    private final CgroupReader reader = new CgroupReader();

    public Optional<CgroupNode> scan(Hierarchy h) {
        return scan(h, CgroupPath.ROOT);
    }

    public Optional<CgroupNode> scan(Hierarchy h, CgroupPath top) {
        Optional<CgroupStats> stats = reader.read(h, top);
        if (stats.isEmpty()) return Optional.empty();
        List<CgroupNode> kids = new ArrayList<>();
        for (String name : childNames(h.dirOf(top))) {
            CgroupPath child;
            try {
                child = top.child(name);
            } catch (InvalidValueException e) {
                continue; // a name we could not address safely; cgroupfs does not make these
            }
            scan(h, child).ifPresent(kids::add);
        }
        return Optional.of(new CgroupNode(stats.get(), List.copyOf(kids)));
    }

    /** Sub-directory names, sorted; empty if the directory is gone. Symlinks are not followed. */
    static List<String> childNames(Path dir) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isDirectory()) names.add(p.getFileName().toString());
                } catch (IOException gone) {
                    // removed between readdir and stat
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }
}
