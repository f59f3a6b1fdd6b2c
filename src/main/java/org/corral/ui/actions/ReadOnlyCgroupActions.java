package org.corral.ui.actions;

import java.util.List;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.LimitKey;

/** No writes: every change is refused with the reason the read-only banner shows. */
public final class ReadOnlyCgroupActions implements CgroupActions {
    private final String reason;

    public ReadOnlyCgroupActions(String reason) {
        this.reason = reason;
    }

    @Override public WriteAccess access() {
        return WriteAccess.readOnly(reason);
    }

    private CgroupException refuse() {
        return new CgroupException("read-only: " + reason);
    }

    @Override public Done create(CgroupRef ref) {
        throw refuse();
    }

    @Override public Done remove(CgroupRef ref) {
        throw refuse();
    }

    @Override public Done move(CgroupRef ref, int pid) {
        throw refuse();
    }

    @Override public Done set(CgroupRef ref, LimitKey key, String value) {
        throw refuse();
    }

    @Override public Done enable(CgroupRef ref, List<String> changes) {
        throw refuse();
    }

    @Override public Done freeze(CgroupRef ref) {
        throw refuse();
    }

    @Override public Done thaw(CgroupRef ref) {
        throw refuse();
    }

    @Override public Done kill(CgroupRef ref) {
        throw refuse();
    }
}
