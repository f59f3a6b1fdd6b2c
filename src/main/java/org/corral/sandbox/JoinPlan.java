package org.corral.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.corral.proc.NsType;

/**
 * Namespaces to enter instead of creating new ones (as nsenter does): those of a running
 * process, or a set persisted with --persist. Root enters all but the user namespace at the
 * start of the chain; the payload's user enters the user namespace itself in the last step,
 * as for a new one (a user namespace made by that user, so it may), keeping its real uid.
 *
 * @param pid       the process joined (null for a persisted set)
 * @param dir       the persisted directory (null for a process)
 * @param files     namespace type → nsfs file root enters (no user namespace here), only the
 *                  types that differ from Corral's own
 * @param enterRoot a root directory root chroots into right after entering (a process's
 *                  /proc/PID/root), or null
 * @param userNs    the user namespace file the payload's user enters last, as a path valid at
 *                  that point (inside the joined mount namespace and root), or null
 * @param dropRoot  a root directory to chroot into in that last step (a persisted jail's
 *                  DIR/root), or null
 * @param notes     what could not be joined and why (a PID namespace whose PID 1 is gone)
 */
public record JoinPlan(Integer pid, Path dir, Map<NsType, Path> files, Path enterRoot, Path userNs, Path dropRoot,
                       List<String> notes) {
    public JoinPlan {
        files = Map.copyOf(files);
        notes = List.copyOf(notes);
    }

    /** Whether the payload ends up in this joined namespace type. */
    public boolean joins(NsType t) {
        return t == NsType.USER ? userNs != null : files.containsKey(t);
    }
}
