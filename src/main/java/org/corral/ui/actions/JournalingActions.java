package org.corral.ui.actions;

import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.LimitKey;

/**
 * Makes each change through another {@link CgroupActions} and records it in the
 * {@link Journal} with the step that undoes it (a limit goes back to what was read just before,
 * a moved process to the cgroup it came from, a new cgroup is removed, a frozen one thawed).
 */
public final class JournalingActions implements CgroupActions {
    private final CgroupActions inner;
    private final Journal journal;
    private final CgroupReader reader = new CgroupReader();

    public JournalingActions(CgroupActions inner, Journal journal) {
        this.inner = inner;
        this.journal = journal;
    }

    public Journal journal() {
        return journal;
    }

    @Override public WriteAccess access() {
        return inner.access();
    }

    @Override public Done create(CgroupRef ref) {
        Done d = inner.create(ref);
        journal.record(d.line("created " + ref), d.files(), JournalEntry.step("remove " + ref, a -> a.remove(ref)));
        return d;
    }

    @Override public Done remove(CgroupRef ref) {
        Done d = inner.remove(ref);
        journal.record(d.line("removed " + ref), d.files(), JournalEntry.step("create " + ref, a -> a.create(ref)));
        return d;
    }

    @Override public Done move(CgroupRef ref, int pid) {
        Done d = inner.move(ref, pid);
        FileChange c = d.first();
        JournalEntry.UndoStep undo = null;
        if (c != null && c.before() != null) {
            try {
                CgroupRef back = new CgroupRef(ref.hierarchy(), CgroupPath.parse(c.before()));
                undo = JournalEntry.step("move " + pid + " back to " + back, a -> a.move(back, pid));
            } catch (RuntimeException notAPath) {
                // e.g. "/../x" seen through a cgroup namespace: nothing safe to move back to
            }
        }
        journal.record(d.line("moved process " + pid + " to " + ref), d.files(), undo);
        return d;
    }

    @Override public Done set(CgroupRef ref, LimitKey key, String value) {
        String before = reader.read(ref).map(s -> LimitValues.current(s, key)).orElse(null);
        Done d = inner.set(ref, key, value);
        List<String> parts = new ArrayList<>();
        for (FileChange c : d.files()) parts.add(c.file() + " " + c.before() + " → " + c.after());
        JournalEntry.UndoStep undo = before == null ? null
                : JournalEntry.step("set " + key.file() + " back to " + before, a -> a.set(ref, key, before));
        journal.record(d.line("set " + ref + " " + key.file() + " = " + value.strip()
                + (before != null ? " (was " + before + ")" : "") + (parts.isEmpty() ? "" : " [" + String.join(", ", parts) + "]")),
                d.files(), undo);
        return d;
    }

    @Override public Done enable(CgroupRef ref, List<String> changes) {
        Done d = inner.enable(ref, changes);
        List<String> inverse = changes.stream().map(s -> (s.startsWith("+") ? "-" : "+") + s.substring(1)).toList();
        journal.record(d.line(ref + " controllers " + String.join(" ", changes)), d.files(),
                JournalEntry.step("controllers " + String.join(" ", inverse), a -> a.enable(ref, inverse)));
        return d;
    }

    @Override public Done freeze(CgroupRef ref) {
        Done d = inner.freeze(ref);
        journal.record(d.line("froze " + ref), d.files(), JournalEntry.step("thaw " + ref, a -> a.thaw(ref)));
        return d;
    }

    @Override public Done thaw(CgroupRef ref) {
        Done d = inner.thaw(ref);
        journal.record(d.line("thawed " + ref), d.files(), JournalEntry.step("freeze " + ref, a -> a.freeze(ref)));
        return d;
    }

    @Override public Done kill(CgroupRef ref) {
        Done d = inner.kill(ref);
        int n = d.processes();
        journal.record(d.line("killed " + n + " process" + (n == 1 ? "" : "es") + " in " + ref), d.files(), null);
        return d;
    }
}
