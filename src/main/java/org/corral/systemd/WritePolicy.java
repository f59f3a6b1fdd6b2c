package org.corral.systemd;

import java.util.List;
import java.util.Optional;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;

/**
 * Decides, for a cgroup and an operation, whether Corral writes cgroupfs itself, asks systemd,
 * or refuses with an explanation. The CLI, the GUI (to say what will happen before the user
 * acts) and the privileged backend all ask this one class; the root CLI and the backend carry its
 * decisions out through {@link PolicyGate} (every backend op: create, remove, move, set, enable,
 * freeze, thaw, kill, and undo of a change made through systemd), which adds one rule of its
 * own: a user's systemd is asked only for that user or root.
 *
 * <p>The rule (systemd's docs/CGROUP_DELEGATION.md, "single-writer"): a cgroup has exactly one
 * writer. Where systemd runs, it writes its units' cgroups and re-applies its own values (on
 * daemon-reload, on unit changes), so a raw write there is silently undone or fights systemd.
 * So:
 * <ul>
 * <li>no systemd, or a hierarchy systemd does not manage, or a cgroup outside every unit: raw;
 * <li>below a unit with Delegate=yes: raw (the subtree is the delegatee's);
 * <li>a unit's own cgroup: limits by SetUnitProperties, moves by AttachProcessesToUnit,
 *     freeze/thaw/kill by FreezeUnit/ThawUnit/KillUnit; the controllers of a delegated unit's
 *     own cgroup and new cgroups below it are the delegatee's (raw);
 * <li>everything else in systemd's tree (a new cgroup under a slice or an undelegated unit,
 *     removing a unit's cgroup, changing its controllers, a limit systemd has no property for):
 *     refused, saying what to do instead.
 * </ul>
 */
public final class WritePolicy {
    private final OwnershipClassifier classifier;

    public WritePolicy(OwnershipClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * The policy of this machine: systemd detected from /run/systemd/system, delegation read from
     * the cgroups' extended attributes (unprivileged callers see user.delegate, which is enough).
     */
    public static WritePolicy forHost(org.corral.cgroup.Hierarchies hierarchies) {
        return new WritePolicy(new OwnershipClassifier(SystemdHost.detect(), new DelegationMarks(hierarchies)));
    }

    public OwnershipClassifier classifier() {
        return classifier;
    }

    /** Whether any cgroup of this host can need systemd (false: every decision is a raw write). */
    public boolean systemdRuns() {
        return classifier.host().running();
    }

    /** Setting {@code key} to {@code kernelValue} (as {@link LimitKey#normalize} returns it). */
    public Decision decideSet(CgroupRef ref, LimitKey key, String kernelValue) {
        Ownership o = classifier.classify(ref);
        Optional<Decision> raw = rawIfFree(o);
        if (raw.isPresent()) return raw.get();
        String who = who(o);
        if (!o.isUnitCgroup()) return refuseInsideUndelegated(o, "set " + key.file());
        Optional<List<UnitSetting>> props = LimitProperties.of(key, kernelValue);
        if (props.isEmpty()) {
            return refuse(o, who + "; systemd has no single property for " + key.file()
                    + " and a raw write would be undone by systemd. Use: systemctl set-property --runtime "
                    + o.unit() + " IOReadBandwidthMax=/dev/... (see systemd.resource-control(5))");
        }
        String names = String.join(", ", LimitProperties.names(key));
        return new Decision(Decision.Action.ASK_SYSTEMD, o, who + "; Corral will ask " + o.managerDescription()
                + " to set " + names + " (SetUnitProperties, until reboot), not write " + key.file()
                + " itself", props.get());
    }

    public Decision decide(CgroupRef ref, CgroupOperation op) {
        if (op == CgroupOperation.SET_LIMIT) {
            throw new IllegalArgumentException("use decideSet for a limit: it needs the key and value");
        }
        if (op == CgroupOperation.CREATE) return decideCreate(ref);
        Ownership o = classifier.classify(ref);
        Optional<Decision> raw = rawIfFree(o);
        if (raw.isPresent()) return raw.get();
        String who = who(o);
        if (!o.isUnitCgroup()) return refuseInsideUndelegated(o, verb(op));
        boolean slice = UnitNames.isSlice(o.unit());
        return switch (op) {
            case MOVE -> slice
                    ? refuse(o, who + "; a slice holds no processes of its own. Move them into a service or scope"
                            + " of it (or let Corral start a new scope)")
                    : o.delegates()
                    ? ask(o, who + "; Corral will ask " + o.managerDescription()
                            + " to move the processes (AttachProcessesToUnit)")
                    // systemd refuses AttachProcessesToUnit for units without Delegate=yes
                    : refuse(o, who + " without Delegate=yes; systemd moves processes only into delegated units"
                            + " (AttachProcessesToUnit) and would not count a process moved behind its back."
                            + " Let Corral start the program in a new scope instead");
            case FREEZE -> ask(o, who + "; Corral will ask " + o.managerDescription() + " to freeze it (FreezeUnit)");
            case THAW -> ask(o, who + "; Corral will ask " + o.managerDescription() + " to thaw it (ThawUnit)");
            case KILL -> ask(o, who + "; Corral will ask " + o.managerDescription()
                    + " to kill its processes (KillUnit)");
            case ENABLE_CONTROLLERS -> o.delegates()
                    ? rawDelegated(o, who + " with Delegate=yes: its subtree_control is the delegatee's, Corral"
                            + " writes it directly")
                    : refuse(o, who + "; systemd decides which controllers are enabled in its tree and would undo"
                            + " this. Set a limit instead (systemd enables what it needs), or use a scope with"
                            + " Delegate=yes");
            case REMOVE -> refuse(o, who + "; only systemd removes it. Stop the unit instead: systemctl stop "
                    + o.unit());
            case CREATE, SET_LIMIT -> throw new AssertionError(op);
        };
    }

    /** A new cgroup: decided by its parent's owner. */
    private Decision decideCreate(CgroupRef ref) {
        if (ref.path().isRoot()) return refuse(Ownership.free(ref), "the root cgroup always exists");
        Ownership parent = classifier.classify(ref.parent());
        Ownership self = classifier.classify(ref);
        if (parent.owner() == CgroupOwner.FREE && self.owner() == CgroupOwner.FREE) {
            return rawDecision(self);
        }
        if (parent.owner() == CgroupOwner.DELEGATED || (parent.isUnitCgroup() && parent.delegates())) {
            return new Decision(Decision.Action.RAW_WRITE, self, "inside " + parent.unit()
                    + ", which systemd delegated (Delegate=yes): Corral creates it directly", List.of());
        }
        return refuse(self, who(parent) + "; a cgroup made there is not systemd's, and systemd may move its"
                + " processes or remove it (single-writer rule). Start a scope with Delegate=yes instead"
                + " (Corral does this when it launches an app) and create cgroups inside it");
    }

    private Optional<Decision> rawIfFree(Ownership o) {
        if (o.owner() == CgroupOwner.FREE) return Optional.of(rawDecision(o));
        if (o.owner() == CgroupOwner.DELEGATED) {
            return Optional.of(rawDelegated(o, "inside " + o.unit() + ", which " + o.managerDescription()
                    + " delegated (Delegate=yes): Corral writes it directly"));
        }
        return Optional.empty();
    }

    private Decision rawDecision(Ownership o) {
        String why;
        if (!classifier.host().running()) why = "systemd does not run here: Corral writes cgroupfs directly";
        else if (!classifier.host().manages(o.cgroup().hierarchy())) {
            why = "systemd does not manage the " + o.cgroup().hierarchy().label()
                    + " hierarchy: Corral writes it directly";
        } else {
            why = o.cgroup() + " is not a systemd unit's cgroup: Corral writes it directly";
        }
        return new Decision(Decision.Action.RAW_WRITE, o, why, List.of());
    }

    private static Decision rawDelegated(Ownership o, String why) {
        return new Decision(Decision.Action.RAW_WRITE, o, why, List.of());
    }

    private static Decision ask(Ownership o, String why) {
        return new Decision(Decision.Action.ASK_SYSTEMD, o, why, List.of());
    }

    private static Decision refuse(Ownership o, String why) {
        return new Decision(Decision.Action.REFUSE, o, why, List.of());
    }

    private static Decision refuseInsideUndelegated(Ownership o, String what) {
        return refuse(o, o.cgroup() + " is inside " + o.unit() + ", which " + o.managerDescription()
                + " owns and did not delegate; Corral will not " + what + " there (systemd would undo it or"
                + " fight it). Change the unit instead: systemctl set-property " + o.unit());
    }

    /** "this is session-2.scope, owned by systemd". */
    static String who(Ownership o) {
        String what = o.cgroup().path().isRoot() ? "the root cgroup (-.slice)" : o.unit();
        return o.cgroup() + " is " + what + ", owned by " + o.managerDescription();
    }

    private static String verb(CgroupOperation op) {
        return switch (op) {
            case MOVE -> "move processes";
            case ENABLE_CONTROLLERS -> "change controllers";
            case FREEZE -> "freeze";
            case THAW -> "thaw";
            case KILL -> "kill";
            case REMOVE -> "remove cgroups";
            case CREATE -> "create cgroups";
            case SET_LIMIT -> "set limits";
        };
    }
}
