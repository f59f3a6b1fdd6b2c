package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.EnableArgs;
import org.corral.protocol.Fields;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#ENABLE}: cgroup.subtree_control of a v2 cgroup. In systemd's tree
 * only that of a delegated unit and below (systemd decides the rest).
 */
final class EnableHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        EnableArgs a = EnableArgs.from(args);
        CgroupRef ref = call.cgroup(a.cgroup());
        Decision d = call.gate().admit(ref, CgroupOperation.ENABLE_CONTROLLERS);
        call.changed(call.session().writer().enable(ref, a.changes()));
        call.wroteRaw(d);
        return call.result(null);
    }
}
