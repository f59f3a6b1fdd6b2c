package org.corral.protocol;

import java.util.List;

/**
 * The result of every op that changes the host.
 *
 * @param target     the cgroup as the backend resolved it ("memory:/a")
 * @param changes    the files written, in order
 * @param processes  kill: how many processes were signalled
 * @param journalSeq the journal entry that records this change (for undo)
 */
public record ChangeResult(String target, List<Change> changes, Integer processes, Long journalSeq) {
    public ChangeResult {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public ChangeResult withJournalSeq(long seq) {
        return new ChangeResult(target, changes, processes, seq);
    }
}
