package org.corral.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupWriter;
import org.corral.protocol.Change;
import org.corral.protocol.ErrorCode;
import org.corral.protocol.Fields;
import org.corral.protocol.JournalEntry;
import org.corral.protocol.Op;
import org.corral.protocol.ProtocolException;
import org.corral.protocol.UndoArgs;

/**
 * {@link Op#UNDO}: writes back the "before" of each file a journal entry changed, last first
 * (v1 cpu.max wrote the period, then the quota: undo restores the quota, then the period).
 * Limits, freeze states and subtree_control can be restored, and a create is undone by
 * removing the (still empty) cgroup; moves, kills and removals cannot be undone. A file
 * that changed since the entry wrote it is not overwritten unless {@code force}. The values
 * come from the root-owned journal, and still pass the cgroup checks and the writer's
 * per-file shape check. A change made through systemd is undone through systemd ({@link SystemdUndo}).
 */
final class UndoHandler implements Handler {
    @Override
    public Object handle(Fields args, Call call) {
        UndoArgs a = UndoArgs.from(args);
        JournalEntry e = call.session().journal().find(a.seq()).orElseThrow(() -> new ProtocolException(ErrorCode.INVALID,
                "the journal has no entry " + a.seq() + " (it may have been rotated away)"));
        call.undoes(e.seq());
        if (e.systemd() != null) return SystemdUndo.undo(e, a.force(), call);
        if (Op.CREATE.wire().equals(e.op()) && JournalEntry.OK.equals(e.result())) {
            CgroupRef ref = call.cgroup(e.target());
            call.session().writer().remove(ref);
            return call.result(null);
        }
        List<Change> changes = e.changes() == null ? List.of() : e.changes();
        if (changes.isEmpty()) throw new ProtocolException(ErrorCode.INVALID, "journal entry " + e.seq() + " (" + e.op() + ") changed nothing to undo");
        for (Change c : changes) {
            if (c.file() == null || !CgroupWriter.isRestorable(c.file())) {
                throw new ProtocolException(ErrorCode.REFUSED, "journal entry " + e.seq() + " (" + e.op() + ") cannot be undone: "
                        + c.file() + " is not something Corral writes back (only limits, freeze states and subtree_control)");
            }
            if (c.before() == null) throw new ProtocolException(ErrorCode.REFUSED, "journal entry " + e.seq() + " does not know what "
                    + c.file() + " held before; it cannot be undone");
        }
        call.cgroup(e.target()); // the entry's target is this request's target too
        List<Change> reversed = new ArrayList<>(changes);
        Collections.reverse(reversed);
        for (Change c : reversed) {
            CgroupRef ref = call.cgroup(c.cgroup());
            call.changed(call.session().writer().restore(ref, c.file(), c.before(), a.force() ? null : c.after()));
        }
        return call.result(null);
    }
}
