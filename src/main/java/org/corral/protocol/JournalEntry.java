package org.corral.protocol;

import java.util.List;

/**
 * One line of the audit journal (/var/lib/corral/journal.jsonl).
 *
 * @param seq       increasing number, never reused (also across rotation and restarts)
 * @param time      ISO-8601 UTC
 * @param backendPid the backend process that wrote it
 * @param callerUid whom the backend acted for
 * @param op        the request's op, or "start" when a backend starts
 * @param target    the cgroup as resolved ("memory:/a"); null for "start"
 * @param changes   the files written, with their content before and after
 * @param result    "ok" or "error"
 * @param error     the error message, for "error"
 * @param undoes    for op "undo": the seq of the entry undone
 * @param via       for "start": how the backend was started (pkexec, root)
 * @param systemd   the call made to systemd instead of writing files, when the target is a
 *                  systemd unit's cgroup (op, unit, properties before and after, which systemd)
 */
public record JournalEntry(long seq, String time, long backendPid, int callerUid, String op, String target,
                           List<Change> changes, String result, String error, Long undoes, String via, SystemdCall systemd) {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String START = "start";
}
