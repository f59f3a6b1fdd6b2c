package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#FREEZE} and {@link org.corral.protocol.Op#THAW}. Refuses to
 * freeze a cgroup holding PID 1 or the backend: nothing could thaw them. A systemd unit's own
 * cgroup is frozen by its systemd (FreezeUnit/ThawUnit), which then knows the unit is frozen.
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
        Decision d = call.gate().admit(ref, freeze ? CgroupOperation.FREEZE : CgroupOperation.THAW);
        if (d.action() == Decision.Action.ASK_SYSTEMD) {
            call.viaSystemd(freeze ? call.gate().freeze(d, ref) : call.gate().thaw(d, ref));
            return call.result(null);
        }
        call.changed(freeze ? call.session().writer().freeze(ref) : call.session().writer().thaw(ref));
        call.wroteRaw(d);
        return call.result(null);
    }
}
