package org.corral.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;
import org.corral.protocol.Fields;
import org.corral.protocol.SetArgs;
import org.corral.systemd.Decision;

/**
 * {@link org.corral.protocol.Op#SET}: limits from the closed {@link LimitKey} list. Every pair
 * is parsed into the core's types, and put to the systemd write policy, before the first is
 * written, so a typo (or a refused pair) in the third changes nothing. On a systemd unit's own
 * cgroup the limits are set as unit properties (SetUnitProperties, runtime), which systemd keeps.
 */
final class SetHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        SetArgs a = SetArgs.from(args);
        CgroupRef ref = call.cgroup(a.cgroup());
        Map<LimitKey, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : a.limits().entrySet()) {
            LimitKey k = LimitKey.parse(e.getKey());
            checked.put(k, k.normalize(e.getValue()));
        }
        Decision d = call.gate().admitSet(ref, checked);
        if (d.action() == Decision.Action.ASK_SYSTEMD) call.viaSystemd(call.gate().set(d, ref, checked.keySet()));
        for (Map.Entry<LimitKey, String> e : checked.entrySet()) {
            if (d.action() == Decision.Action.RAW_WRITE) call.changed(call.session().writer().set(ref, e.getKey().file(), e.getValue()));
            if (e.getKey().controller().equals("memory")) call.session().oom().watch(ref);
        }
        call.wroteRaw(d);
        return call.result(null);
    }
}
