package org.corral.ui.actions;

import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.LimitKey;

/** Writes made in this process with {@link CgroupWriter}: only when the app runs as root. */
public final class DirectCgroupActions implements CgroupActions {
    private final CgroupWriter writer = new CgroupWriter();

    @Override public WriteAccess access() {
        return WriteAccess.granted();
    }

    @Override public void create(CgroupRef ref) {
        writer.create(ref);
    }

    @Override public void remove(CgroupRef ref) {
        writer.remove(ref);
    }

    @Override public FileChange move(CgroupRef ref, int pid) {
        return writer.move(ref, pid);
    }

    @Override public List<FileChange> set(CgroupRef ref, LimitKey key, String value) {
        return writer.set(ref, key.file(), value);
    }

    @Override public FileChange enable(CgroupRef ref, List<String> changes) {
        return writer.enable(ref, changes);
    }

    @Override public FileChange freeze(CgroupRef ref) {
        return writer.freeze(ref);
    }

    @Override public FileChange thaw(CgroupRef ref) {
        return writer.thaw(ref);
    }

    @Override public int kill(CgroupRef ref) {
        return writer.kill(ref);
    }
}
