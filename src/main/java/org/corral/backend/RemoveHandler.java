package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#REMOVE}: an empty cgroup (a populated one is refused by the writer, naming the count).
 * A systemd unit's cgroup is systemd's to remove (stop the unit): refused by the policy.
 */
final class RemoveHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        Decision d = call.gate().admit(ref, CgroupOperation.REMOVE);
        call.session().writer().remove(ref);
        call.session().oom().forget(ref);
        call.wroteRaw(d);
        return call.result(null);
    }
}
