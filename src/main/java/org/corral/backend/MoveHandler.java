package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.Fields;
import org.corral.protocol.MoveArgs;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#MOVE}: processes or threads into a cgroup. Every id is checked
 * (not PID 1, not a kernel thread, not the backend) before the first is moved. Into a systemd
 * unit's own cgroup only by its systemd (AttachProcessesToUnit, delegated units only).
 */
final class MoveHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        MoveArgs a = MoveArgs.from(args);
        CgroupRef ref = call.cgroup(a.cgroup());
        a.pids().forEach(call.session().processes()::checkMovable);
        Decision d = call.gate().admit(ref, CgroupOperation.MOVE);
        if (d.action() == Decision.Action.ASK_SYSTEMD) {
            call.viaSystemd(call.gate().attach(d, ref, a.pids(), a.threads()));
            return call.result(null);
        }
        for (int pid : a.pids()) {
            call.changed(a.threads() ? call.session().writer().moveThread(ref, pid) : call.session().writer().move(ref, pid));
        }
        call.wroteRaw(d);
        return call.result(null);
    }
}
