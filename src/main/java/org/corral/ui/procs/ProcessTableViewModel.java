package org.corral.ui.procs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.corral.cgroup.Hierarchy;
import org.corral.proc.ProcessInfo;

/**
 * The process table: one {@link ProcessRow} per live process, updated in place on each refresh
 * (rows of exited processes removed, new ones appended), and a filter over PID, user, command
 * and cgroup. A row whose cgroup changes is re-checked against the filter by itself, so moving
 * a process does not reset the table.
 */
public final class ProcessTableViewModel {
    private final ObservableList<ProcessRow> rows =
            FXCollections.observableArrayList(r -> new Observable[] {r.cgroupProperty(), r.commandProperty()});
    private final FilteredList<ProcessRow> filtered = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<Hierarchy> shownHierarchy = new SimpleObjectProperty<>();
    private final ObservableList<ProcessRow> selection = FXCollections.observableArrayList();
    private final Map<ProcessRow.Key, ProcessRow> byKey = new HashMap<>();

    public ProcessTableViewModel() {
        filter.addListener((o, was, now) -> filtered.setPredicate(predicate(now)));
        shownHierarchy.addListener((o, was, now) -> rows.forEach(r -> r.showIn(now)));
    }

    static Predicate<ProcessRow> predicate(String text) {
        String f = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) return null;
        return r -> Integer.toString(r.pid()).equals(f)
                || contains(r.userProperty().get(), f) || contains(r.commandProperty().get(), f)
                || contains(r.cgroupProperty().get(), f);
    }

    private static boolean contains(String s, String f) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(f);
    }

    public ObservableList<ProcessRow> rows() {
        return rows;
    }

    /** What the table shows (the view wraps it in a SortedList for column sorting). */
    public ObservableList<ProcessRow> filtered() {
        return filtered;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** The hierarchy whose cgroup path the "cgroup" column shows (the tree's). */
    public ObjectProperty<Hierarchy> shownHierarchyProperty() {
        return shownHierarchy;
    }

    /** The selected rows, set by the view. */
    public ObservableList<ProcessRow> selection() {
        return selection;
    }

    public ProcessRow find(int pid) {
        for (ProcessRow r : rows) if (r.pid() == pid) return r;
        return null;
    }

    public void apply(ProcessSnapshot s) {
        Set<ProcessRow.Key> seen = new HashSet<>();
        List<ProcessRow> added = new java.util.ArrayList<>();
        List<ProcessInfo> list = s.processes();
        for (ProcessInfo p : list) {
            ProcessRow.Key k = ProcessRow.Key.of(p);
            seen.add(k);
            ProcessRow r = byKey.get(k);
            boolean fresh = r == null;
            if (fresh) r = new ProcessRow(p);
            r.update(p, s.cpuPercent().get(p.pid()), shownHierarchy.get());
            if (fresh) {
                byKey.put(k, r);
                added.add(r);
            }
        }
        // one change event each way, not one per process
        if (byKey.size() != seen.size()) {
            List<ProcessRow> gone = rows.stream().filter(r -> !seen.contains(r.key())).toList();
            byKey.keySet().retainAll(seen);
            rows.removeAll(gone);
            selection.removeAll(gone);
        }
        if (!added.isEmpty()) rows.addAll(added);
    }
}
