package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.Fields;
import org.corral.protocol.MoveArgs;

/**
 * {@link org.corral.protocol.Op#MOVE}: processes or threads into a cgroup. Every id is checked
 * (not PID 1, not a kernel thread, not the backend) before the first is moved.
 */
final class MoveHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        MoveArgs a = MoveArgs.from(args);
        CgroupRef ref = call.cgroup(a.cgroup());
        a.pids().forEach(call.session().processes()::checkMovable);
        for (int pid : a.pids()) {
            call.changed(a.threads() ? call.session().writer().moveThread(ref, pid) : call.session().writer().move(ref, pid));
        }
        return call.result(null);
    }
}
