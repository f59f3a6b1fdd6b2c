package org.corral.ui.actions;

import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;

/**
 * Every change the app makes to cgroups. The app runs as the user and reads without privilege;
 * these writes go to the privileged backend ({@link BackendCgroupActions}), or are refused
 * ({@link ReadOnlyCgroupActions}) with the reason the banner shows. Each returns what the
 * writer reports it did ({@link Done}: files, or the call systemd was asked to make, in words).
 * Failures are {@link org.corral.cgroup.CgroupException}s with a message for a person.
 */
public interface CgroupActions {
    /** Whether writes can be made, and if not, why and how to fix it. */
    WriteAccess access();

    Done create(CgroupRef ref);

    Done remove(CgroupRef ref);

    /** Moves a whole process; the change's "before" is the cgroup path it came from. */
    Done move(CgroupRef ref, int pid);

    Done set(CgroupRef ref, LimitKey key, String value);

    Done enable(CgroupRef ref, List<String> changes);

    Done freeze(CgroupRef ref);

    Done thaw(CgroupRef ref);

    /** {@link Done#processes()}: how many processes were signalled. */
    Done kill(CgroupRef ref);
}
