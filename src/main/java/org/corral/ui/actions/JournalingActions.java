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

    @Override public void create(CgroupRef ref) {
        inner.create(ref);
        journal.record("created " + ref, List.of(), JournalEntry.step("remove " + ref, a -> a.remove(ref)));
    }

    @Override public void remove(CgroupRef ref) {
        inner.remove(ref);
        journal.record("removed " + ref, List.of(), JournalEntry.step("create " + ref, a -> a.create(ref)));
    }

    @Override public FileChange move(CgroupRef ref, int pid) {
        FileChange c = inner.move(ref, pid);
        JournalEntry.UndoStep undo = null;
        if (c.before() != null) {
            try {
                CgroupRef back = new CgroupRef(ref.hierarchy(), CgroupPath.parse(c.before()));
                undo = JournalEntry.step("move " + pid + " back to " + back, a -> a.move(back, pid));
            } catch (RuntimeException notAPath) {
                // e.g. "/../x" seen through a cgroup namespace: nothing safe to move back to
            }
        }
        journal.record("moved process " + pid + " to " + ref, List.of(c), undo);
        return c;
    }

    @Override public List<FileChange> set(CgroupRef ref, LimitKey key, String value) {
        String before = reader.read(ref).map(s -> LimitValues.current(s, key)).orElse(null);
        List<FileChange> changes = inner.set(ref, key, value);
        List<String> parts = new ArrayList<>();
        for (FileChange c : changes) parts.add(c.file() + " " + c.before() + " → " + c.after());
        JournalEntry.UndoStep undo = before == null ? null
                : JournalEntry.step("set " + key.file() + " back to " + before, a -> a.set(ref, key, before));
        journal.record("set " + ref + " " + key.file() + " = " + value.strip()
                + (before != null ? " (was " + before + ")" : "") + " [" + String.join(", ", parts) + "]", changes, undo);
        return changes;
    }

    @Override public FileChange enable(CgroupRef ref, List<String> changes) {
        FileChange c = inner.enable(ref, changes);
        List<String> inverse = changes.stream().map(s -> (s.startsWith("+") ? "-" : "+") + s.substring(1)).toList();
        journal.record(ref + " controllers " + String.join(" ", changes), List.of(c),
                JournalEntry.step("controllers " + String.join(" ", inverse), a -> a.enable(ref, inverse)));
        return c;
    }

    @Override public FileChange freeze(CgroupRef ref) {
        FileChange c = inner.freeze(ref);
        journal.record("froze " + ref, List.of(c), JournalEntry.step("thaw " + ref, a -> a.thaw(ref)));
        return c;
    }

    @Override public FileChange thaw(CgroupRef ref) {
        FileChange c = inner.thaw(ref);
        journal.record("thawed " + ref, List.of(c), JournalEntry.step("freeze " + ref, a -> a.freeze(ref)));
        return c;
    }

    @Override public int kill(CgroupRef ref) {
        int n = inner.kill(ref);
        journal.record("killed " + n + " process" + (n == 1 ? "" : "es") + " in " + ref, List.of(), null);
        return n;
    }
}
