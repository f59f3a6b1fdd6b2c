package org.corral.ui.ns;

import java.util.List;
import org.corral.proc.NamespaceId;

/**
 * One namespace in the lsns-like table: kind, inode, how many processes are in it, the one
 * with the lowest PID (as lsns shows), and where a bind mount keeps it alive (a namespace
 * lives while a process is in it, a file descriptor to /proc/PID/ns/KIND is open, or that file
 * is bind-mounted somewhere, as `ip netns add` does under /run/netns).
 */
public record NsRow(NamespaceId id, List<Integer> pids, int pid, String user, String command, String keptBy) {
    public NsRow {
        pids = List.copyOf(pids);
    }

    public int nprocs() {
        return pids.size();
    }
}
