package org.corral.protocol;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@link Op#LAUNCH}: the payload runs.
 *
 * @param target     its first cgroup ("memory:/corral.launch/firefox-3fa2c1", or where systemd owns
 *                   the tree its scope's "/user.slice/user-1000.slice/corral-firefox-4242.scope"),
 *                   the journal's target
 * @param pid        its PID as the backend sees it (PID 1 inside a new PID namespace)
 * @param uid        its real uid (the caller's)
 * @param user       that user's name
 * @param cgroups    its cgroups, one per hierarchy
 * @param namespaces every namespace it is in: type → nsfs inode
 * @param created    the namespace types created for it
 * @param persisted  where its namespaces are kept, or null
 * @param notes      what was done differently from what was asked, and why
 * @param changes    cgroup files written (limits, cgroup.procs)
 * @param journalSeq the journal entry recording the launch
 * @param unit       the transient systemd scope it runs in ("corral-firefox-4242.scope"), or null
 *                   where Corral made the cgroup itself (no systemd)
 */
public record LaunchResult(String target, int pid, int uid, String user, List<String> cgroups, Map<String, Long> namespaces,
                           List<String> created, String persisted, List<String> notes, List<Change> changes, Long journalSeq,
                           String unit) {
    public LaunchResult withJournalSeq(long seq) {
        return new LaunchResult(target, pid, uid, user, cgroups, namespaces, created, persisted, notes, changes, seq, unit);
    }
}
