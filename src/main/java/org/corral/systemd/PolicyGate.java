package org.corral.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.LimitKey;

/**
 * The one place that puts a cgroup operation to {@link WritePolicy} and carries out what it
 * decides, for the root CLI (org.corral.cli) and the privileged backend (org.corral.backend)
 * alike, so both refuse with the same sentence and report a change made through systemd in the
 * same words. {@code admit...} decides and throws {@link PolicyRefusal} for a refusal, before
 * anything is touched; for RAW_WRITE the caller writes cgroupfs as it always did (nothing here
 * writes a cgroup file); for ASK_SYSTEMD the caller hands the decision back to one of the call
 * methods ({@link #set}, {@link #attach}, {@link #freeze}, {@link #thaw}, {@link #kill},
 * {@link #restore}), which make the D-Bus call on the systemd that manages the unit and say
 * what happened ({@link SystemdChange}). Where systemd does not run every decision is a raw
 * write with nothing to add, so callers behave exactly as without this class.
 *
 * <p>Whom it acts for ({@code actingFor}, a uid): a unit of a user's own systemd
 * (below user@UID.service) is that user's, so Corral asks a user's manager only for that user or
 * for root; anyone else is refused, even though the backend, as root, could reach every user's
 * manager through its private socket. The system manager is asked for anyone the caller of this
 * class has already let in (the backend: whoever polkit authorized as an administrator, which is
 * what {@code systemctl set-property} asks of a person too). This is in addition to the caller's
 * own checks (the backend's CgroupGuard and ProcessGuard), never instead of them.
 */
public final class PolicyGate {
    /** Opens the systemd instance that manages {@code owner.unit()}. */
    @FunctionalInterface
    public interface Managers {
        SystemdManager open(Ownership owner);
    }

    /**
     * The system manager over the system bus, or (root only) a user's manager through its private
     * socket /run/user/UID/systemd/private: nothing is read from the environment, so the backend
     * can use it too (a session bus address would be the caller's choice).
     */
    public static final Managers SYSTEM_OR_USER_SOCKET = o -> o.userManagerUid()
            .map(SystemdManager::userManagerOf).orElseGet(SystemdManager::system);

    private static final int SIGKILL = 9;

    private final WritePolicy policy;
    private final Managers managers;
    private final int actingFor;

    /**
     * @param actingFor the uid of the person the operations are for (0: root, may do all)
     */
    public PolicyGate(WritePolicy policy, Managers managers, int actingFor) {
        this.policy = policy;
        this.managers = managers;
        this.actingFor = actingFor;
    }

    public WritePolicy policy() {
        return policy;
    }

    /**
     * How {@code op} (anything but SET_LIMIT) is done on {@code ref}: RAW_WRITE or ASK_SYSTEMD.
     *
     * @throws PolicyRefusal "Corral did not freeze /x: (the policy's explanation)"
     */
    public Decision admit(CgroupRef ref, CgroupOperation op) {
        return checked(policy.decide(ref, op), ref, verb(op) + " " + ref);
    }

    /**
     * How limits are set on {@code ref}, decided for every pair before any is set, so one
     * refused pair changes nothing. One cgroup has one owner, so either all are raw writes, or
     * all are asked of the same unit: the ASK_SYSTEMD decision then carries every property.
     *
     * @param kernelValues each key with its value as {@link LimitKey#normalize} returns it
     */
    public Decision admitSet(CgroupRef ref, Map<LimitKey, String> kernelValues) {
        if (kernelValues.isEmpty()) throw new IllegalArgumentException("no limit to set");
        Decision first = null;
        List<UnitSetting> settings = new ArrayList<>();
        for (Map.Entry<LimitKey, String> e : kernelValues.entrySet()) {
            Decision d = checked(policy.decideSet(ref, e.getKey(), e.getValue()), ref,
                    "set " + e.getKey().file() + " on " + ref);
            if (first == null) first = d;
            else if (d.action() != first.action() || d.action() == Decision.Action.ASK_SYSTEMD && !d.unit().equals(first.unit())) {
                throw new IllegalStateException("one cgroup, two owners: " + first + " / " + d);
            }
            settings.addAll(d.settings());
        }
        return first.action() == Decision.Action.RAW_WRITE ? first
                : new Decision(first.action(), first.ownership(), first.explanation(), settings);
    }

    /**
     * For an undo: setting {@code properties} of {@code unit} on {@code ref} again, which must
     * still be that unit's own cgroup, managed by the same systemd.
     */
    public Decision admitRestore(CgroupRef ref, String unit, String manager) {
        Ownership o = policy.classifier().classify(ref);
        if (!o.isUnitCgroup() || o.owner() != CgroupOwner.SYSTEMD || !unit.equals(o.unit()) || !manager.equals(o.manager())) {
            throw new PolicyRefusal("Corral did not set the properties of " + unit + " back: " + ref + " is not the cgroup of "
                    + unit + " (" + manager + ") any more" + (o.unit() == null ? "" : "; it is " + o.unit()));
        }
        return checked(new Decision(Decision.Action.ASK_SYSTEMD, o, WritePolicy.who(o), List.of()), ref,
                "set the properties of " + unit + " back on " + ref);
    }

    /** A refusal becomes the exception; a user manager's unit is asked about only for its user or root. */
    private Decision checked(Decision d, CgroupRef ref, String what) {
        if (d.action() == Decision.Action.REFUSE) throw new PolicyRefusal("Corral did not " + what + ": " + d.explanation());
        Optional<Integer> owner = d.ownership().userManagerUid();
        if (d.action() == Decision.Action.ASK_SYSTEMD && owner.isPresent() && actingFor != 0 && owner.get() != actingFor) {
            throw new PolicyRefusal("Corral did not " + what + ": " + WritePolicy.who(d.ownership())
                    + "; Corral asks a user's own systemd only for that user or for root, and this request is for uid "
                    + actingFor);
        }
        return d;
    }

    // --- the calls ------------------------------------------------------------------------

    /** SetUnitProperties (runtime) with every setting of {@code d}, after reading what the unit had. */
    public SystemdChange set(Decision d, CgroupRef ref, Collection<LimitKey> keys) {
        List<SystemdChange.Property> props = new ArrayList<>();
        withManager(d, m -> {
            for (UnitSetting s : d.settings()) props.add(new SystemdChange.Property(s.name(), s.signature(), before(m, d.unit(), s), s.text()));
            m.setUnitProperties(d.unit(), d.settings());
        });
        String message = "asked " + d.ownership().managerDescription() + " to set " + String.join(" ",
                d.settings().stream().map(UnitSetting::toString).toList()) + " on " + d.unit()
                + " (SetUnitProperties, runtime)" + nowInKernel(ref, keys.stream().map(LimitKey::file).toList());
        return change(d, SystemdChange.SET, props, List.of(), message);
    }

    /**
     * Sets {@code properties} back to their "before" (undo of a {@link #set}). Unless {@code force},
     * each must still have the value Corral set: else someone changed it since, and setting it
     * back would undo their change too.
     */
    public SystemdChange restore(Decision d, CgroupRef ref, List<SystemdChange.Property> properties, boolean force) {
        List<UnitSetting> back = new ArrayList<>();
        List<SystemdChange.Property> props = new ArrayList<>();
        for (SystemdChange.Property p : properties) {
            if (p.before() == null) throw new IllegalArgumentException(p.name() + " has no earlier value");
            back.add(UnitSetting.fromText(p.name(), p.signature(), p.before()));
        }
        withManager(d, m -> {
            for (int i = 0; i < back.size(); i++) {
                SystemdChange.Property p = properties.get(i);
                String now = before(m, d.unit(), back.get(i));
                if (!force && now == null) {
                    throw new CgroupException(d.ownership().managerDescription() + " does not say what " + p.name() + " of "
                            + d.unit() + " is now, so Corral cannot tell whether it changed since; force it to set it back anyway");
                }
                if (!force && !now.equals(p.after())) {
                    throw new CgroupException(d.unit() + " " + p.name() + " has changed since: it is '" + now + "', not '"
                            + p.after() + "' as Corral left it; undo the later change first, or force it");
                }
                props.add(new SystemdChange.Property(p.name(), p.signature(), now, p.before()));
            }
            m.setUnitProperties(d.unit(), back);
        });
        String message = "asked " + d.ownership().managerDescription() + " to set " + String.join(" ",
                back.stream().map(UnitSetting::toString).toList()) + " back on " + d.unit() + " (SetUnitProperties, runtime)"
                + nowInKernel(ref, back.stream().flatMap(s -> LimitProperties.fileOf(s.name()).stream()).toList());
        return change(d, SystemdChange.SET, props, List.of(), message);
    }

    /** AttachProcessesToUnit: whole processes only (systemd moves no single threads). */
    public SystemdChange attach(Decision d, CgroupRef ref, List<Integer> pids, boolean threads) {
        if (threads) {
            throw new PolicyRefusal("Corral did not move threads into " + ref + ": " + d.explanation()
                    + "; systemd moves whole processes only (leave out --thread)");
        }
        withManager(d, m -> m.attachProcesses(d.unit(), "", pids));
        return change(d, SystemdChange.ATTACH, List.of(), pids, "moved process" + (pids.size() == 1 ? " " : "es ")
                + String.join(" ", pids.stream().map(String::valueOf).toList()) + " into " + d.unit() + " (" + ref
                + ") through " + d.ownership().managerDescription() + ": AttachProcessesToUnit");
    }

    public SystemdChange freeze(Decision d, CgroupRef ref) {
        withManager(d, m -> m.freezeUnit(d.unit()));
        return change(d, SystemdChange.FREEZE, List.of(), List.of(), "froze " + d.unit() + " (" + ref + ") through "
                + d.ownership().managerDescription() + ": FreezeUnit");
    }

    public SystemdChange thaw(Decision d, CgroupRef ref) {
        withManager(d, m -> m.thawUnit(d.unit()));
        return change(d, SystemdChange.THAW, List.of(), List.of(), "thawed " + d.unit() + " (" + ref + ") through "
                + d.ownership().managerDescription() + ": ThawUnit");
    }

    /** KillUnit(unit, "all", SIGKILL). */
    public SystemdChange kill(Decision d, CgroupRef ref) {
        withManager(d, m -> m.killUnit(d.unit(), SIGKILL));
        return change(d, SystemdChange.KILL, List.of(), List.of(), "killed the processes of " + d.unit() + " (" + ref
                + ") through " + d.ownership().managerDescription() + ": KillUnit SIGKILL");
    }

    /**
     * For a raw write inside systemd's tree (a delegated subtree), the policy's sentence saying why
     * it was allowed; empty elsewhere, and always where systemd does not run.
     */
    public static Optional<String> rawNote(Decision d) {
        return d.action() == Decision.Action.RAW_WRITE && d.unit() != null ? Optional.of(d.explanation()) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------

    private static SystemdChange change(Decision d, String method, List<SystemdChange.Property> props, List<Integer> pids,
                                        String message) {
        return new SystemdChange(d.ownership().manager(), method, d.unit(), props, pids, message);
    }

    private interface ManagerCall {
        void run(SystemdManager m);
    }

    private void withManager(Decision d, ManagerCall call) {
        if (d.action() != Decision.Action.ASK_SYSTEMD) throw new IllegalArgumentException("not a systemd decision: " + d);
        try (SystemdManager m = managers.open(d.ownership())) {
            call.run(m);
        }
    }

    /** What the unit has now for this setting's property, as text; null if systemd does not say. */
    private static String before(SystemdManager m, String unit, UnitSetting s) {
        try {
            return m.current(unit, s).text();
        } catch (SystemdException | IllegalArgumentException | ClassCastException e) {
            return null; // an older systemd without the property: the change is still made, undo then says so
        }
    }

    /** "; memory.max is now 67108864": what the kernel file holds after systemd wrote it (v2). */
    private static String nowInKernel(CgroupRef ref, List<String> files) {
        if (!ref.hierarchy().isV2()) return "";
        List<String> shown = new ArrayList<>();
        for (String f : files.stream().distinct().toList()) {
            try {
                shown.add(f + " is now " + Files.readString(ref.dir().resolve(f)).strip());
            } catch (IOException e) {
                // the file may not exist (controller not enabled yet); nothing to show
            }
        }
        return shown.isEmpty() ? "" : "; " + String.join(", ", shown);
    }

    private static String verb(CgroupOperation op) {
        return switch (op) {
            case CREATE -> "create";
            case REMOVE -> "remove";
            case MOVE -> "move processes into";
            case ENABLE_CONTROLLERS -> "change the controllers of";
            case FREEZE -> "freeze";
            case THAW -> "thaw";
            case KILL -> "kill";
            case SET_LIMIT -> "set limits on";
        };
    }
}
