package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.EnableArgs;
import org.corral.protocol.Fields;

/** {@link org.corral.protocol.Op#ENABLE}: cgroup.subtree_control of a v2 cgroup. */
final class EnableHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        EnableArgs a = EnableArgs.from(args);
        CgroupRef ref = call.cgroup(a.cgroup());
        call.changed(call.session().writer().enable(ref, a.changes()));
        return call.result(null);
    }
}
