package org.corral.ui.actions;

import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.LimitKey;

/**
 * Every change the app makes to cgroups. The app runs as the user and reads without privilege;
 * these writes go to the privileged backend ({@link BackendCgroupActions}), or are refused
 * ({@link ReadOnlyCgroupActions}) with the reason the banner shows.
 * Failures are {@link org.corral.cgroup.CgroupException}s with a message for a person.
 */
public interface CgroupActions {
    /** Whether writes can be made, and if not, why and how to fix it. */
    WriteAccess access();

    void create(CgroupRef ref);

    void remove(CgroupRef ref);

    /** Moves a whole process; the change's "before" is the cgroup path it came from. */
    FileChange move(CgroupRef ref, int pid);

    List<FileChange> set(CgroupRef ref, LimitKey key, String value);

    FileChange enable(CgroupRef ref, List<String> changes);

    FileChange freeze(CgroupRef ref);

    FileChange thaw(CgroupRef ref);

    /** @return how many processes were signalled */
    int kill(CgroupRef ref);
}
