package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.corral.cgroup.MountInfo;
import org.corral.proc.NsType;

/** This process's mount table (/proc/self/mountinfo), for namespace files and propagation. */
final class MountTable {
    private final List<MountInfo.Line> lines;

    private MountTable(List<MountInfo.Line> lines) {
        this.lines = lines;
    }

    static MountTable read() {
        try {
            return new MountTable(MountInfo.parse(Files.readString(Path.of("/proc/self/mountinfo"))));
        } catch (IOException e) {
            throw new LaunchException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
    }

    /** A namespace kept alive by a bind mount: where, which type, which inode. */
    record NsMount(Path file, NsType type, long inode) {}

    /** Every nsfs mount (its root field reads "TYPE:[INODE]"). */
    List<NsMount> nsMounts() {
        return lines.stream().filter(l -> l.fsType().equals("nsfs")).map(l -> {
            try {
                var id = org.corral.proc.NamespaceId.parse(l.root());
                return new NsMount(Path.of(l.mountPoint()), id.type(), id.inode());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).filter(m -> m != null).toList();
    }

    Optional<NsMount> nsMountAt(Path file) {
        Path f = file.toAbsolutePath().normalize();
        NsMount last = null;
        for (NsMount m : nsMounts()) if (m.file().equals(f)) last = m;
        return Optional.ofNullable(last);
    }

    /** The mount a path is on (the longest mount point above it; the last one mounted wins). */
    Optional<MountInfo.Line> mountOf(Path path) {
        Path p = path.toAbsolutePath().normalize();
        MountInfo.Line best = null;
        int bestLen = -1;
        for (MountInfo.Line l : lines) {
            Path mp = Path.of(l.mountPoint());
            if (p.startsWith(mp) && mp.getNameCount() >= bestLen) {
                best = l;
                bestLen = mp.getNameCount();
            }
        }
        return Optional.ofNullable(best);
    }

    boolean isMountPoint(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return lines.stream().anyMatch(l -> Path.of(l.mountPoint()).equals(p));
    }
}
