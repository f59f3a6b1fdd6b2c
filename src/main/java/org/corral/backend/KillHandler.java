package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#KILL}: every process in a cgroup and below, unless PID 1 or the
 * backend is among them. A systemd unit's processes are killed by its systemd (KillUnit).
 */
final class KillHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        call.session().processes().checkNotInside(ref, "kill every process of");
        Decision d = call.gate().admit(ref, CgroupOperation.KILL);
        if (d.action() == Decision.Action.ASK_SYSTEMD) {
            int n = call.session().writer().processCount(ref);
            call.viaSystemd(call.gate().kill(d, ref));
            return call.result(n);
        }
        int n = call.session().writer().kill(ref);
        call.wroteRaw(d);
        return call.result(n);
    }
}
