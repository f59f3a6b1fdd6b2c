package org.corral.backend;

import java.util.List;
import org.corral.cgroup.Hierarchies;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Fields;
import org.corral.protocol.HelloArgs;
import org.corral.protocol.HelloResult;
import org.corral.protocol.Op;
import org.corral.protocol.Protocol;
import org.corral.protocol.ProtocolException;
import org.corral.sys.Sys;

/** {@link Op#HELLO}: the protocol version and the backend's view of the host and caller. */
final class HelloHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        HelloArgs a = HelloArgs.from(args);
        if (a.protocol() != null && a.protocol() != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.INVALID, "this backend speaks protocol " + Protocol.VERSION
                    + " and the client " + a.protocol() + "; install matching versions of Corral");
        }
        Session s = call.session();
        Hierarchies hs = s.cgroups().hierarchies();
        List<HelloResult.HierarchyInfo> his = hs.all().stream().map(h -> new HelloResult.HierarchyInfo(
                h.isV2() ? "v2" : "v1", h.mountPoint(), h.controllers().stream().sorted().toList())).toList();
        return new HelloResult(Protocol.VERSION, s.pid(), Sys.getuid(), Sys.geteuid(), s.caller().uid(), s.caller().via(),
                hs.layout().name(), s.gate().policy().systemdRuns(), his,
                s.journal().file().toString(), Op.wireNames());
    }
}
