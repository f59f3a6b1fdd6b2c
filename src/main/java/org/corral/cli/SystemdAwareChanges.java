package org.corral.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.LimitKey;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;
import org.corral.systemd.PolicyGate;

/**
 * The write commands on a host where systemd manages the cgroup tree: every operation is first
 * put to the {@link PolicyGate} (the same one the backend uses, so a user's command through the
 * backend reads the same); raw writes go to {@link DirectChanges}, the rest to the unit's
 * systemd over D-Bus, and refusals become the policy's explanation. So the same command does
 * the right thing on either kind of host.
 */
final class SystemdAwareChanges implements CgroupChanges {
    private final Hierarchies hierarchies;
    private final DirectChanges direct;
    private final PolicyGate gate;

    SystemdAwareChanges(Hierarchies hierarchies, DirectChanges direct, PolicyGate gate) {
        this.hierarchies = hierarchies;
        this.direct = direct;
        this.gate = gate;
    }

    @Override
    public String create(String cgroup) {
        Decision d = gate.admit(hierarchies.resolve(cgroup), CgroupOperation.CREATE);
        return direct.create(cgroup) + note(d);
    }

    @Override
    public String remove(String cgroup) {
        Decision d = gate.admit(hierarchies.resolve(cgroup), CgroupOperation.REMOVE);
        return direct.remove(cgroup) + note(d);
    }

    @Override
    public String move(List<Integer> pids, String cgroup, boolean threads) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Decision d = gate.admit(ref, CgroupOperation.MOVE);
        if (d.action() == Decision.Action.RAW_WRITE) return direct.move(pids, cgroup, threads) + note(d);
        return gate.attach(d, ref, pids, threads).message();
    }

    @Override
    public String set(String cgroup, List<String> keyValues) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Map<LimitKey, String> values = new LinkedHashMap<>();
        DirectChanges.parsePairs(keyValues).forEach((k, v) -> values.put(LimitKey.parse(k), v));
        Decision d = gate.admitSet(ref, values);
        if (d.action() == Decision.Action.RAW_WRITE) return direct.set(cgroup, keyValues) + note(d);
        return gate.set(d, ref, values.keySet()).message();
    }

    @Override
    public String enable(String cgroup, List<String> changes) {
        Decision d = gate.admit(hierarchies.resolve(cgroup), CgroupOperation.ENABLE_CONTROLLERS);
        return direct.enable(cgroup, changes) + note(d);
    }

    @Override
    public String freeze(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Decision d = gate.admit(ref, CgroupOperation.FREEZE);
        if (d.action() == Decision.Action.RAW_WRITE) return direct.freeze(cgroup) + note(d);
        return gate.freeze(d, ref).message();
    }

    @Override
    public String thaw(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Decision d = gate.admit(ref, CgroupOperation.THAW);
        if (d.action() == Decision.Action.RAW_WRITE) return direct.thaw(cgroup) + note(d);
        return gate.thaw(d, ref).message();
    }

    @Override
    public String kill(String cgroup) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Decision d = gate.admit(ref, CgroupOperation.KILL);
        if (d.action() == Decision.Action.RAW_WRITE) return direct.kill(cgroup) + note(d);
        return gate.kill(d, ref).message();
    }

    /** For a raw write inside systemd's tree, say why it was allowed (a delegated subtree). */
    private static String note(Decision d) {
        return PolicyGate.rawNote(d).map(n -> " (" + n + ")").orElse("");
    }
}
