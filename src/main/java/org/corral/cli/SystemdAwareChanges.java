package org.corral.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.LimitKey;
import org.corral.sys.Sys;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;
import org.corral.systemd.Ownership;
import org.corral.systemd.SystemdManager;
import org.corral.systemd.UnitSetting;
import org.corral.systemd.WritePolicy;

/**
 * The write commands on a host where systemd manages the cgroup tree: every operation is first
 * put to {@link WritePolicy}; raw writes go to {@link DirectChanges}, the rest to the unit's
 * systemd over D-Bus, and refusals become the policy's explanation. So the same command does
 * the right thing on either kind of host.
 */
final class SystemdAwareChanges implements CgroupChanges {
    private static final int SIGKILL = 9;

    private final Hierarchies hierarchies;
    private final DirectChanges direct;
    private final WritePolicy policy;

    SystemdAwareChanges(Hierarchies hierarchies, DirectChanges direct, WritePolicy policy) {
        this.hierarchies = hierarchies;
        this.direct = direct;
        this.policy = policy;
    }

    @Override
    public String create(String cgroup) {
        Decision d = decide(cgroup, CgroupOperation.CREATE, "create");
        return direct.create(cgroup) + note(d);
    }

    @Override
    public String remove(String cgroup) {
        Decision d = decide(cgroup, CgroupOperation.REMOVE, "remove");
        return direct.remove(cgroup) + note(d);
    }

    @Override
    public String move(List<Integer> pids, String cgroup, boolean threads) {
        Decision d = decide(cgroup, CgroupOperation.MOVE, "move processes into");
        if (d.action() == Decision.Action.RAW_WRITE) return direct.move(pids, cgroup, threads) + note(d);
        if (threads) {
            throw new CgroupException("Corral did not move threads into " + cgroup + ": " + d.explanation()
                    + "; systemd moves whole processes only (leave out --thread)");
        }
        withManager(d.ownership(), m -> m.attachProcesses(d.unit(), "", pids));
        return "moved process" + (pids.size() == 1 ? " " : "es ")
                + String.join(" ", pids.stream().map(String::valueOf).toList()) + " into " + d.unit()
                + " (" + cgroup + ") through " + d.ownership().managerDescription() + ": AttachProcessesToUnit";
    }

    @Override
    public String set(String cgroup, List<String> keyValues) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        // Decide every pair before changing anything, so one refusal changes nothing.
        List<String> raw = new ArrayList<>();
        Map<String, List<UnitSetting>> byUnit = new LinkedHashMap<>();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (String kv : keyValues) {
            Map.Entry<String, String> pair = DirectChanges.parsePairs(List.of(kv)).entrySet().iterator().next();
            LimitKey key = LimitKey.parse(pair.getKey());
            Decision d = policy.decideSet(ref, key, pair.getValue());
            switch (d.action()) {
                case REFUSE -> throw new CgroupException("Corral did not set " + key.file() + " on " + ref + ": "
                        + d.explanation());
                case RAW_WRITE -> raw.add(kv);
                case ASK_SYSTEMD -> {
                    byUnit.computeIfAbsent(d.unit(), u -> new ArrayList<>()).addAll(d.settings());
                    decisions.putIfAbsent(d.unit(), d);
                    files.add(key.file());
                }
            }
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, List<UnitSetting>> e : byUnit.entrySet()) {
            Decision d = decisions.get(e.getKey());
            withManager(d.ownership(), m -> m.setUnitProperties(e.getKey(), e.getValue()));
            done.add("asked " + d.ownership().managerDescription() + " to set " + String.join(" ",
                    e.getValue().stream().map(UnitSetting::toString).toList()) + " on " + e.getKey()
                    + " (SetUnitProperties, runtime)" + nowInKernel(ref, files));
        }
        if (!raw.isEmpty()) done.add(direct.set(cgroup, raw));
        return String.join("; ", done);
    }

    @Override
    public String enable(String cgroup, List<String> changes) {
        Decision d = decide(cgroup, CgroupOperation.ENABLE_CONTROLLERS, "change the controllers of");
        return direct.enable(cgroup, changes) + note(d);
    }

    @Override
    public String freeze(String cgroup) {
        Decision d = decide(cgroup, CgroupOperation.FREEZE, "freeze");
        if (d.action() == Decision.Action.RAW_WRITE) return direct.freeze(cgroup) + note(d);
        withManager(d.ownership(), m -> m.freezeUnit(d.unit()));
        return "froze " + d.unit() + " (" + cgroup + ") through " + d.ownership().managerDescription() + ": FreezeUnit";
    }

    @Override
    public String thaw(String cgroup) {
        Decision d = decide(cgroup, CgroupOperation.THAW, "thaw");
        if (d.action() == Decision.Action.RAW_WRITE) return direct.thaw(cgroup) + note(d);
        withManager(d.ownership(), m -> m.thawUnit(d.unit()));
        return "thawed " + d.unit() + " (" + cgroup + ") through " + d.ownership().managerDescription() + ": ThawUnit";
    }

    @Override
    public String kill(String cgroup) {
        Decision d = decide(cgroup, CgroupOperation.KILL, "kill");
        if (d.action() == Decision.Action.RAW_WRITE) return direct.kill(cgroup) + note(d);
        withManager(d.ownership(), m -> m.killUnit(d.unit(), SIGKILL));
        return "killed the processes of " + d.unit() + " (" + cgroup + ") through "
                + d.ownership().managerDescription() + ": KillUnit SIGKILL";
    }

    /** The policy's decision; a refusal is thrown here, before anything is touched. */
    private Decision decide(String cgroup, CgroupOperation op, String verb) {
        CgroupRef ref = hierarchies.resolve(cgroup);
        Decision d = policy.decide(ref, op);
        if (d.action() == Decision.Action.REFUSE) {
            throw new CgroupException("Corral did not " + verb + " " + ref + ": " + d.explanation());
        }
        return d;
    }

    /** For a raw write inside systemd's tree, say why it was allowed (a delegated subtree). */
    private static String note(Decision d) {
        return d.ownership().unit() == null ? "" : " (" + d.explanation() + ")";
    }

    /** ", memory.max is now 67108864": what the kernel file holds after systemd wrote it (v2). */
    private static String nowInKernel(CgroupRef ref, List<String> files) {
        if (!ref.hierarchy().isV2()) return "";
        List<String> shown = new ArrayList<>();
        for (String f : files) {
            try {
                shown.add(f + " is now " + Files.readString(ref.dir().resolve(f)).strip());
            } catch (IOException e) {
                // the file may not exist (controller not enabled yet); nothing to show
            }
        }
        return shown.isEmpty() ? "" : "; " + String.join(", ", shown);
    }

    private interface ManagerCall {
        void run(SystemdManager m);
    }

    /**
     * Runs one call on the systemd that manages the unit: the system manager, or a user's
     * manager (the caller's own over the session bus; another user's, as root, over its private
     * socket).
     */
    private static void withManager(Ownership o, ManagerCall call) {
        Integer uid = o.userManagerUid().orElse(null);
        SystemdManager m;
        if (uid == null) m = SystemdManager.system();
        else if (uid == Sys.geteuid()) m = SystemdManager.user();
        else m = SystemdManager.userManagerOf(uid);
        try (m) {
            call.run(m);
        }
    }
}
