package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;

/**
 * {@link org.corral.protocol.Op#FREEZE} and {@link org.corral.protocol.Op#THAW}. Refuses to
 * freeze a cgroup holding PID 1 or the backend: nothing could thaw them.
 */
final class FreezeHandler implements Handler {
    private final boolean freeze;

    FreezeHandler(boolean freeze) {
        this.freeze = freeze;
    }

    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        if (freeze) call.session().processes().checkNotInside(ref, "freeze");
        call.changed(freeze ? call.session().writer().freeze(ref) : call.session().writer().thaw(ref));
        return call.result(null);
    }
}
