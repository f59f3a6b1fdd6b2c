package org.corral.backend;

import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.SystemdCall;
import org.corral.systemd.CgroupOperation;
import org.corral.systemd.Decision;
import org.corral.systemd.SystemdChange;

/**
 * Undo of a journal entry that Corral made through systemd (its {@link SystemdCall}): unit
 * properties are set back to the values the unit had before (read from systemd when they were
 * set; unless forced, only while the unit still has what Corral set), a freeze is thawed and a
 * thaw frozen again, each through the same systemd and under the same policy as a new request.
 * Moves and kills cannot be undone; and properties whose earlier value systemd did not tell
 * are left to the person, with the systemctl command that does it.
 */
final class SystemdUndo {
    private SystemdUndo() {}

    static Object undo(JournalEntry e, boolean force, Call call) {
        SystemdCall s = e.systemd();
        CgroupRef ref = call.cgroup(e.target());
        switch (s.method()) {
            case SystemdChange.SET -> {
                List<SystemdCall.Property> props = s.properties() == null ? List.of() : s.properties();
                if (props.isEmpty() || props.stream().anyMatch(p -> p.before() == null)) {
                    throw new RefusedException("journal entry " + e.seq() + " asked systemd (" + s.manager() + ") to set "
                            + String.join(" ", props.stream().map(p -> p.name() + "=" + p.after()).toList()) + " on " + s.unit()
                            + ", but systemd did not say what " + s.unit() + " had before, so Corral cannot set it back. Undo it"
                            + " with systemd: systemctl set-property --runtime " + s.unit() + " NAME=VALUE, or drop every runtime"
                            + " property of the unit with systemctl revert " + s.unit());
                }
                Decision d = call.gate().admitRestore(ref, s.unit(), s.manager());
                call.viaSystemd(call.gate().restore(d, ref, props.stream()
                        .map(p -> new SystemdChange.Property(p.name(), p.signature(), p.before(), p.after())).toList(), force));
            }
            case SystemdChange.FREEZE -> call.viaSystemd(call.gate().thaw(unitDecision(e, ref, CgroupOperation.THAW, call), ref));
            case SystemdChange.THAW -> {
                call.session().processes().checkNotInside(ref, "freeze");
                call.viaSystemd(call.gate().freeze(unitDecision(e, ref, CgroupOperation.FREEZE, call), ref));
            }
            case SystemdChange.START -> throw new RefusedException("journal entry " + e.seq() + " launched a program in "
                    + s.unit() + " (StartTransientUnit); a launch cannot be undone. Stop it: systemctl stop " + s.unit());
            default -> throw new RefusedException("journal entry " + e.seq() + " (" + e.op() + ") was made through systemd ("
                    + s.method() + " on " + s.unit() + "); moves and kills cannot be undone");
        }
        return call.result(null);
    }

    /** The policy's decision for the inverse op: it must still go to the same unit's systemd. */
    private static Decision unitDecision(JournalEntry e, CgroupRef ref, CgroupOperation op, Call call) {
        Decision d = call.gate().admit(ref, op);
        if (d.action() != Decision.Action.ASK_SYSTEMD || !e.systemd().unit().equals(d.unit())) {
            throw new RefusedException("journal entry " + e.seq() + " (" + e.op() + ") was made through systemd on "
                    + e.systemd().unit() + ", but " + ref + " is not that unit's cgroup any more; nothing was changed");
        }
        return d;
    }
}
