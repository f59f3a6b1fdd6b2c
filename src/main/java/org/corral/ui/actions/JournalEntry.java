package org.corral.ui.actions;

import java.time.Instant;
import java.util.List;
import org.corral.cgroup.FileChange;

/**
 * One change the app made: when, in a sentence, the kernel files it touched (before → after),
 * and how to take it back (null when it cannot be undone, e.g. a kill).
 */
public record JournalEntry(long id, Instant at, String summary, List<FileChange> files, UndoStep undo) {
    public JournalEntry {
        files = List.copyOf(files);
    }

    public boolean canUndo() {
        return undo != null;
    }

    /** The inverse of a change, made through the same actions. */
    public interface UndoStep {
        String describe();

        void undo(CgroupActions actions);
    }

    static UndoStep step(String describe, java.util.function.Consumer<CgroupActions> how) {
        return new UndoStep() {
            @Override public String describe() {
                return describe;
            }

            @Override public void undo(CgroupActions actions) {
                how.accept(actions);
            }
        };
    }
}
