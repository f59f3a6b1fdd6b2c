package org.corral.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Scans a hierarchy into a tree. Every sub-directory of a cgroup directory is a child cgroup.
 * A cgroup removed during the scan is simply left out.
 *
 * <p>Cost per cgroup (bench/RESULTS.md, row 1): one directory listing, shared by the reader and
 * the search for children, one stat of the directory, and one open/read/close per stats file.
 */
public final class CgroupScanner {
    private final CgroupReader reader = new CgroupReader();

    public Optional<CgroupNode> scan(Hierarchy h) {
        return scan(h, CgroupPath.ROOT);
    }

    public Optional<CgroupNode> scan(Hierarchy h, CgroupPath top) {
        return scan(h, top, StatsFiles.ALL);
    }

    /** The tree from {@code top} down, each cgroup read with the same {@code files}. */
    public Optional<CgroupNode> scan(Hierarchy h, CgroupPath top, StatsFiles files) {
        return scan(h, top, (Function<CgroupPath, StatsFiles>) p -> files);
    }

    /**
     * The whole tree's shape, each cgroup read with the files {@code files} gives for it; null:
     * none (its stats are {@link CgroupStats#unread}). The desktop tree reads the selected rows
     * whole, the other rows on screen with {@link StatsFiles#TREE}, and the rest not at all.
     */
    public Optional<CgroupNode> scan(Hierarchy h, Function<CgroupPath, StatsFiles> files) {
        return scan(h, CgroupPath.ROOT, files);
    }

    private Optional<CgroupNode> scan(Hierarchy h, CgroupPath top, Function<CgroupPath, StatsFiles> files) {
        Path dir = h.dirOf(top);
        Set<String> entries = CgroupReader.list(dir);
        if (entries == null) return Optional.empty();
        StatsFiles which = files.apply(top);
        CgroupStats stats = which != null ? reader.read(h, top, dir, entries, which)
                : CgroupStats.unread(top, h.isV2() ? CgroupVersion.V2 : CgroupVersion.V1);
        List<CgroupNode> kids = new ArrayList<>();
        for (String name : childNames(dir, entries)) {
            CgroupPath child;
            try {
                child = top.child(name);
            } catch (InvalidValueException e) {
                continue; // a name we could not address safely; cgroupfs does not make these
            }
            scan(h, child, files).ifPresent(kids::add);
        }
        return Optional.of(new CgroupNode(stats, List.copyOf(kids)));
    }

    /** Sub-directory names, sorted; empty if the directory is gone. Symlinks are not followed. */
    static List<String> childNames(Path dir) {
        Set<String> entries = CgroupReader.list(dir);
        return entries == null ? List.of() : childNames(dir, entries);
    }

    /**
     * The sub-directories among a directory's entries, sorted.
     *
     * <p>Java's directory listing does not say which entry is a directory, and a stat of every
     * entry (some 25 files per cgroup) cost as much as reading the stats. So the directory's own
     * link count is asked first: on cgroupfs (kernfs), as on ext4, xfs and tmpfs, a directory
     * has 2 + (number of sub-directories) links. Two links: a leaf, no entry is looked at; more:
     * entries are looked at until that many directories are found. Filesystems that do not
     * count (btrfs and merged overlayfs directories say 1) get every entry looked at.
     */
    static List<String> childNames(Path dir, Collection<String> entries) {
        int expected = subdirectoryCount(dir);
        List<String> names = new ArrayList<>();
        if (expected == 0) return names;
        for (String name : entries) {
            try {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    names.add(name);
                    if (names.size() == expected) break;
                }
            } catch (IOException gone) {
                // removed between readdir and stat
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Whether a cgroup directory has child cgroups: by its link count, one stat; where the
     * filesystem does not count links, by looking at its entries as {@link #childNames} does.
     * False if it is gone.
     */
    public static boolean hasChildren(Path dir) {
        int n = subdirectoryCount(dir);
        return n >= 0 ? n > 0 : !childNames(dir).isEmpty();
    }

    /**
     * Sub-directories by the link count (kernfs, like ext4 and tmpfs, gives a directory 2 + its
     * sub-directories); -1 when the filesystem does not tell (or on error).
     */
    private static int subdirectoryCount(Path dir) {
        try {
            Object n = Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return n instanceof Integer links && links >= 2 ? links - 2 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
