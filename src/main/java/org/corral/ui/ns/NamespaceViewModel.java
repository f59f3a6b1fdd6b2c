package org.corral.ui.ns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.corral.cgroup.HostRoot;
import org.corral.proc.NamespaceId;
import org.corral.proc.NamespaceTable;
import org.corral.proc.NsType;
import org.corral.proc.ProcessInfo;
import org.corral.proc.ProcessScanner;
import org.corral.ui.Jobs;

/**
 * The namespace view: every namespace like lsns (plus those only a bind mount keeps alive),
 * filtered by kind, the processes of the selected one, and two processes compared side by side.
 */
public final class NamespaceViewModel {
    /** One read of the host: processes, the namespace table and the nsfs bind mounts. */
    public record Snapshot(List<ProcessInfo> processes, List<NsRow> rows) {}

    private final ProcessScanner scanner;
    private final HostRoot root;
    private final Jobs jobs;
    private final boolean asRoot;
    private final ObservableList<NsRow> rows = FXCollections.observableArrayList();
    private final FilteredList<NsRow> shown = new FilteredList<>(rows);
    private final ObjectProperty<NsType> type = new SimpleObjectProperty<>();
    private final ObjectProperty<NsRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> members = FXCollections.observableArrayList();
    private final StringProperty left = new SimpleStringProperty("");
    private final StringProperty right = new SimpleStringProperty("");
    private final ObservableList<ComparisonRow> comparison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper compareProblem = new ReadOnlyStringWrapper("");
    private List<ProcessInfo> processes = List.of();

    public NamespaceViewModel(ProcessScanner scanner, Jobs jobs, boolean asRoot) {
        this.scanner = scanner;
        this.root = scanner.root();
        this.jobs = jobs;
        this.asRoot = asRoot;
        type.addListener((o, was, now) -> shown.setPredicate(now == null ? null : r -> r.id().type() == now));
        selected.addListener((o, was, now) -> showMembers(now));
    }

    /** Reads the host (call off the UI thread). */
    public Snapshot read() {
        List<ProcessInfo> ps = scanner.scanAll();
        NamespaceTable t = NamespaceTable.of(ps);
        Map<NamespaceId, String> kept = NsfsMounts.read(root);
        List<NsRow> out = new ArrayList<>();
        Set<NamespaceId> seen = new HashSet<>();
        for (NamespaceTable.Row r : t.rows()) {
            seen.add(r.id());
            ProcessInfo p = r.lowest();
            out.add(new NsRow(r.id(), r.pids(), p.pid(), p.user().orElse("?"), p.command(), kept.getOrDefault(r.id(), "")));
        }
        for (Map.Entry<NamespaceId, String> e : kept.entrySet()) {
            if (!seen.contains(e.getKey())) out.add(new NsRow(e.getKey(), List.of(), 0, "", "(no process)", e.getValue()));
        }
        return new Snapshot(ps, out);
    }

    public void apply(Snapshot s) {
        processes = s.processes();
        NsRow sel = selected.get();
        rows.setAll(s.rows());
        if (sel != null) {
            selected.set(rows.stream().filter(r -> r.id().equals(sel.id())).findFirst().orElse(null));
        }
    }

    /** Reads in the background and applies on the UI thread. */
    public void refresh() {
        jobs.run(this::read, this::apply, e -> compareProblem.set("Could not read /proc: " + e.getMessage()));
    }

    private void showMembers(NsRow r) {
        if (r == null) {
            members.clear();
            return;
        }
        List<String> out = new ArrayList<>();
        for (int pid : r.pids()) {
            String cmd = processes.stream().filter(p -> p.pid() == pid).map(ProcessInfo::command).findFirst().orElse("");
            out.add(pid + "  " + cmd);
        }
        if (!r.keptBy().isEmpty()) out.add("kept alive by a bind mount at " + r.keptBy());
        members.setAll(out);
    }

    /** Compares the two PIDs typed in (off the UI thread: the hostname may need nsenter). */
    public void compare() {
        Optional<ProcessInfo> a = find(left.get());
        Optional<ProcessInfo> b = find(right.get());
        if (a.isEmpty() || b.isEmpty()) {
            compareProblem.set("Type two PIDs of running processes (" + (a.isEmpty() ? "left" : "right") + " is not one).");
            comparison.clear();
            return;
        }
        compareProblem.set("");
        Optional<ProcessInfo> self = scanner.scan((int) ProcessHandle.current().pid());
        jobs.run(() -> {
            ProcessInfo me = self.orElse(null);
            ProcessPeek pa = ProcessPeek.of(root, a.get(), me != null && ProcessPeek.sameAs(a.get(), me, NsType.UTS), asRoot);
            ProcessPeek pb = ProcessPeek.of(root, b.get(), me != null && ProcessPeek.sameAs(b.get(), me, NsType.UTS), asRoot);
            return ProcessComparison.compare(a.get(), pa, b.get(), pb, ProcessPeek.overflowUid(root));
        }, rows -> {
            comparison.setAll(rows);
            selectFirstDifference(a.get(), b.get());
        }, e -> compareProblem.set("Could not compare: " + e.getMessage()));
    }

    /** Shows the members of the first namespace kind where the second process differs (its own UTS, say). */
    private void selectFirstDifference(ProcessInfo a, ProcessInfo b) {
        for (NsType t : NsType.values()) {
            var ib = b.namespaces().get(t);
            if (ib.isEmpty() || ib.equals(a.namespaces().get(t))) continue;
            for (NsRow r : rows) {
                if (r.id().equals(ib.get())) {
                    type.set(null);
                    selected.set(r);
                    return;
                }
            }
        }
    }

    private Optional<ProcessInfo> find(String pidText) {
        int pid;
        try {
            pid = Integer.parseInt(pidText == null ? "" : pidText.strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        for (ProcessInfo p : processes) if (p.pid() == pid) return Optional.of(p);
        return scanner.scan(pid);
    }

    public ObservableList<NsRow> shownRows() {
        return shown;
    }

    public ObservableList<NsRow> rows() {
        return rows;
    }

    public ObjectProperty<NsType> typeProperty() {
        return type;
    }

    public ObjectProperty<NsRow> selectedProperty() {
        return selected;
    }

    public ObservableList<String> members() {
        return members;
    }

    public StringProperty leftProperty() {
        return left;
    }

    public StringProperty rightProperty() {
        return right;
    }

    public ObservableList<ComparisonRow> comparison() {
        return comparison;
    }

    public ReadOnlyStringProperty compareProblemProperty() {
        return compareProblem.getReadOnlyProperty();
    }
}
