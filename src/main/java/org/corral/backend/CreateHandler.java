package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;

/** {@link org.corral.protocol.Op#CREATE}: one new cgroup; its parent must exist. */
final class CreateHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        call.session().writer().create(ref);
        call.session().oom().watch(ref);
        return call.result(null);
    }
}
