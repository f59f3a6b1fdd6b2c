package org.corral.proc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces in use, like {@code lsns}: for each namespace some process is in, how many
 * processes are in it and the one with the lowest PID.
 *
 * <p>Counted from each process's own links ({@code mnt}, {@code pid}, ..., not the
 * {@code *_for_children} ones), as lsns does. Processes whose links could not be read (see
 * {@link ProcNamespaces}) are counted nowhere for those kinds; namespaces no process is in
 * (held open only by a bind mount or a file descriptor) are not listed.
 */
public final class NamespaceTable {

    /**
     * One namespace.
     *
     * @param id     kind and inode
     * @param pids   the processes in it, ascending
     * @param lowest the process with the lowest PID in it (lsns' PID, USER and COMMAND)
     */
    public record Row(NamespaceId id, List<Integer> pids, ProcessInfo lowest) {
        public Row {
            pids = List.copyOf(pids);
        }

        public NsType type() {
            return id.type();
        }

        public long inode() {
            return id.inode();
        }

        /** How many processes are in it. */
        public int nprocs() {
            return pids.size();
        }
    }

    private final List<Row> rows;
    private final Map<NamespaceId, Row> byId;

    private NamespaceTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Map<NamespaceId, Row> m = new HashMap<>();
        for (Row r : rows) m.put(r.id(), r);
        this.byId = Map.copyOf(m);
    }

    /** From a scan (any order). */
    public static NamespaceTable of(Collection<ProcessInfo> processes) {
        List<ProcessInfo> byPid = new ArrayList<>(processes);
        byPid.sort(Comparator.comparingInt(ProcessInfo::pid));
        Map<NamespaceId, List<Integer>> members = new HashMap<>();
        Map<NamespaceId, ProcessInfo> lowest = new HashMap<>();
        for (ProcessInfo p : byPid) {
            for (NsType type : NsType.values()) {
                NamespaceId id = p.namespaces().links().get(type.kernelName());
                if (id == null) continue;
                members.computeIfAbsent(id, k -> new ArrayList<>()).add(p.pid());
                lowest.putIfAbsent(id, p);
            }
        }
        List<Row> rows = new ArrayList<>(members.size());
        for (Map.Entry<NamespaceId, List<Integer>> e : members.entrySet()) {
            rows.add(new Row(e.getKey(), e.getValue(), lowest.get(e.getKey())));
        }
        rows.sort(Comparator.comparingLong(Row::inode).thenComparing(r -> r.type().ordinal()));
        return new NamespaceTable(rows);
    }

    /** By inode (as lsns sorts), then kind. */
    public List<Row> rows() {
        return rows;
    }

    public Optional<Row> find(NamespaceId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
