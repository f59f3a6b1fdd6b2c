package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#CREATE}: one new cgroup; its parent must exist. Where systemd
 * runs, only outside its units or below a delegated one (systemd has no call for it).
 */
final class CreateHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        Decision d = call.gate().admit(ref, CgroupOperation.CREATE);
        call.session().writer().create(ref);
        call.session().oom().watch(ref);
        call.wroteRaw(d);
        return call.result(null);
    }
}
