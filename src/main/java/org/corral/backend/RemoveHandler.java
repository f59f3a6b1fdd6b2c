package org.corral.backend;

import org.corral.cgroup.CgroupRef;
import org.corral.protocol.CgroupArgs;
import org.corral.protocol.Fields;

/** {@link org.corral.protocol.Op#REMOVE}: an empty cgroup (a populated one is refused by the writer, naming the count). */
final class RemoveHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        CgroupRef ref = call.cgroup(CgroupArgs.from(args).cgroup());
        call.session().writer().remove(ref);
        call.session().oom().forget(ref);
        return call.result(null);
    }
}
