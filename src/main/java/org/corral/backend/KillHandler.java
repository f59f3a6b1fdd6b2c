package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;

/** {@link org.corral.protocol.Op#KILL}: every process in a cgroup and below, unless PID 1 or the backend is among them. */
final class KillHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        call.session().processes().checkNotInside(ref, "kill every process of");
        int n = call.session().writer().kill(ref);
        return call.result(n);
    }
}
