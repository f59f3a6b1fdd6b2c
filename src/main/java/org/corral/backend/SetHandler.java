package org.corral.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;
import org.corral.protocol.Fields;
import org.corral.protocol.SetArgs;

/**
 * {@link org.corral.protocol.Op#SET}: limits from the closed {@link LimitKey} list. Every pair
 * is parsed into the core's types before the first is written, so a typo in the third changes
 * nothing.
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
        for (Map.Entry<LimitKey, String> e : checked.entrySet()) {
            call.changed(call.session().writer().set(ref, e.getKey().file(), e.getValue()));
            if (e.getKey().controller().equals("memory")) call.session().oom().watch(ref);
        }
        return call.result(null);
    }
}
