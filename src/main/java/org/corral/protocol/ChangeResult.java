package org.corral.protocol;

import java.util.List;

/**
 * The result of every op that changes the host.
 *
 * @param target     the cgroup as the backend resolved it ("memory:/a")
 * @param changes    the files written, in order
 * @param processes  kill: how many processes were signalled
 * @param journalSeq the journal entry that records this change (for undo)
 * @param systemd    when the cgroup is a systemd unit's: the call the backend made to systemd
 *                   instead of writing files ({@code changes} is then empty)
 * @param message    on a host where systemd runs, what happened in words, for the person: for a
 *                   change through systemd the whole sentence ("asked systemd to set MemoryMax=64M
 *                   on corral-victim.service (SetUnitProperties, runtime); memory.max is now
 *                   67108864"); for a raw write inside a delegated unit, why Corral wrote it itself.
 *                   Absent where systemd does not run.
 */
public record ChangeResult(String target, List<Change> changes, Integer processes, Long journalSeq, SystemdCall systemd,
                           String message) {
    public ChangeResult {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public ChangeResult(String target, List<Change> changes, Integer processes, Long journalSeq) {
        this(target, changes, processes, journalSeq, null, null);
    }

    public ChangeResult withJournalSeq(long seq) {
        return new ChangeResult(target, changes, processes, seq, systemd, message);
    }
}
