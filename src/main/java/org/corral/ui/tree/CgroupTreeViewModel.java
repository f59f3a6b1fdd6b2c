package org.corral.ui.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.MemoryLimit;
import org.corral.systemd.CgroupOperation;
import org.corral.ui.owner.Advice;
import org.corral.ui.owner.WriteAdvisor;

/**
 * The cgroup tree: which hierarchy is shown (on a hybrid host the v2 hierarchy and each v1 one
 * are separate trees), the filter, and one {@link CgroupRow} per cgroup. {@link #apply} merges
 * a fresh read into the rows that exist: a refresh of thousands of cgroups changes properties
 * and inserts or removes only the rows that came or went.
 */
public final class CgroupTreeViewModel {
    private final ObservableList<Hierarchy> hierarchies = FXCollections.observableArrayList();
    private final ObjectProperty<Hierarchy> hierarchy = new SimpleObjectProperty<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<CgroupRow> root = new ReadOnlyObjectWrapper<>();
    private final ObservableList<CgroupRow> selection = FXCollections.observableArrayList();
    private final Map<CgroupPath, CgroupRow> index = new HashMap<>();
    private final WriteAdvisor advisor;
    private final ReadOnlyStringWrapper ownerLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ownerLineRefusal = new ReadOnlyBooleanWrapper();
    private CgroupRow dropTarget;
    private final javafx.beans.property.BooleanProperty keyboardMove = new javafx.beans.property.SimpleBooleanProperty();

    public CgroupTreeViewModel(Hierarchies detected) {
        this(detected, WriteAdvisor.withoutSystemd());
    }

    /** @param advisor who owns each cgroup, and what a drop on it will do (systemd's tree) */
    public CgroupTreeViewModel(Hierarchies detected, WriteAdvisor advisor) {
        this.advisor = advisor;
        hierarchies.setAll(detected.all());
        hierarchy.set(defaultHierarchy(detected));
        hierarchy.addListener((o, was, now) -> {
            index.clear();
            selection.clear();
            root.set(null);
        });
        filter.addListener((o, was, now) -> refilter());
        selection.addListener((javafx.collections.ListChangeListener<CgroupRow>) c -> updateOwnerLine());
        keyboardMove.addListener((o, was, now) -> updateOwnerLine());
    }

    /**
     * Set while processes are selected in the focused process table, where Ctrl+M moves them to
     * the cgroup selected here: the owner line then says what that move does, before the key.
     */
    public javafx.beans.property.BooleanProperty keyboardMoveProperty() {
        return keyboardMove;
    }

    /** Whether the tree marks owners and says what a drop does (only where systemd runs). */
    public boolean showsOwners() {
        return advisor.speaks();
    }

    /**
     * The line under the tree: while processes are dragged over a cgroup, what dropping them
     * there does (or why it is refused); otherwise who owns the selected cgroup. Empty where
     * systemd does not run.
     */
    public ReadOnlyStringProperty ownerLineProperty() {
        return ownerLine.getReadOnlyProperty();
    }

    /** Whether {@link #ownerLineProperty()} tells of a refusal (a drop that will not happen). */
    public ReadOnlyBooleanProperty ownerLineRefusalProperty() {
        return ownerLineRefusal.getReadOnlyProperty();
    }

    /** What dropping processes on {@code target} will do: the move's advice. */
    public Advice dropAdvice(CgroupRow target) {
        return advisor.of(target.ref(), CgroupOperation.MOVE);
    }

    /** Processes are dragged over {@code target} (null: the drag left the tree or ended). */
    public void dragOver(CgroupRow target) {
        if (target == dropTarget) return;
        dropTarget = target;
        updateOwnerLine();
    }

    private void updateOwnerLine() {
        if (!advisor.speaks()) return;
        if (dropTarget != null) {
            Advice a = dropAdvice(dropTarget);
            ownerLine.set((a.refused() ? "Dropping here is refused: " : "Drop to move here. ") + a.sentence());
            ownerLineRefusal.set(a.refused());
            return;
        }
        CgroupRow first = selection.isEmpty() ? null : selection.get(0);
        if (keyboardMove.get() && first != null) {
            Advice a = dropAdvice(first);
            ownerLine.set((a.refused() ? "Ctrl+M would be refused here: " : "Ctrl+M moves the selected processes here. ")
                    + a.sentence());
            ownerLineRefusal.set(a.refused());
            return;
        }
        ownerLineRefusal.set(false);
        // a cgroup without a badge: the policy's own words (not a unit's, or a v1 hierarchy systemd leaves alone)
        ownerLine.set(first == null ? "" : first.owner().shown() ? first.owner().tooltip()
                : advisor.of(first.ref(), CgroupOperation.FREEZE).sentence());
    }

    /**
     * Where a person looks first: on a hybrid host the v1 memory hierarchy (where memory is
     * accounted and limited; the v2 tree there holds almost nothing), else v2, else the first.
     */
    static Hierarchy defaultHierarchy(Hierarchies h) {
        return switch (h.layout()) {
            case HYBRID, LEGACY -> h.v1For("memory").or(() -> h.unified()).orElse(h.all().isEmpty() ? null : h.all().get(0));
            default -> h.unified().orElse(h.all().isEmpty() ? null : h.all().get(0));
        };
    }

    /** "v2 (unified)" or "v1: memory". */
    public static String label(Hierarchy h) {
        return h == null ? "" : h.isV2() ? "v2 (unified) " + h.mountPoint() : "v1: " + h.label();
    }

    public ObservableList<Hierarchy> hierarchies() {
        return hierarchies;
    }

    public ObjectProperty<Hierarchy> hierarchyProperty() {
        return hierarchy;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<CgroupRow> rootProperty() {
        return root.getReadOnlyProperty();
    }

    /** The selected rows, set by the view; the details pane and the charts follow it. */
    public ObservableList<CgroupRow> selection() {
        return selection;
    }

    public Optional<CgroupRow> find(CgroupPath path) {
        return Optional.ofNullable(index.get(path));
    }

    public int size() {
        return index.size();
    }

    /** Merges a fresh read. A read of another hierarchy than the shown one is ignored. */
    public void apply(TreeSnapshot s) {
        if (s == null || !s.hierarchy().equals(hierarchy.get())) return;
        CgroupRow r = root.get();
        if (r == null) {
            CgroupRef rootRef = new CgroupRef(s.hierarchy(), CgroupPath.ROOT);
            r = new CgroupRow(rootRef, null, advisor.badge(rootRef));
            index.put(CgroupPath.ROOT, r);
            merge(r, s.root(), s, MemoryLimit.max());
            root.set(r);
        } else {
            merge(r, s.root(), s, MemoryLimit.max());
        }
        if (!filter.get().isBlank()) refilter();
    }

    private void merge(CgroupRow row, CgroupNode node, TreeSnapshot s, MemoryLimit inherited) {
        boolean read = s.wasRead(node.path());
        // a cgroup not read this time (off screen) keeps its numbers, and its last known limit caps its children
        MemoryLimit own = !read ? row.memoryMaxProperty().get() : node.stats().memory() == null ? null : node.stats().memory().max();
        MemoryLimit eff = tighter(inherited, own);
        if (read) row.update(node.stats(), s.cpuPercent().get(node.path()), eff);
        else row.inherit(eff);
        ObservableList<CgroupRow> kids = row.mutableChildren();
        // Both lists are sorted by name: walk them together, removing and inserting in place.
        List<CgroupNode> want = node.children();
        int i = 0;
        int j = 0;
        while (j < want.size()) {
            CgroupNode n = want.get(j);
            String name = n.path().name();
            if (i < kids.size()) {
                int cmp = kids.get(i).name().compareTo(name);
                if (cmp < 0) {
                    index.remove(kids.get(i).ref().path());
                    forget(kids.remove(i));
                    continue;
                }
                if (cmp == 0) {
                    merge(kids.get(i), n, s, eff);
                    i++;
                    j++;
                    continue;
                }
            }
            CgroupRef ref = row.ref().child(name);
            CgroupRow added = new CgroupRow(ref, row, advisor.badge(ref));
            index.put(added.ref().path(), added);
            merge(added, n, s, eff);
            kids.add(i, added);
            i++;
            j++;
        }
        while (kids.size() > i) {
            CgroupRow gone = kids.remove(kids.size() - 1);
            index.remove(gone.ref().path());
            forget(gone);
        }
    }

    private void forget(CgroupRow gone) {
        for (CgroupRow k : gone.children()) {
            index.remove(k.ref().path());
            forget(k);
        }
        selection.remove(gone);
    }

    private static MemoryLimit tighter(MemoryLimit a, MemoryLimit b) {
        if (b == null || b.isMax()) return a;
        if (a == null || a.isMax()) return b;
        return a.bytes() <= b.bytes() ? a : b;
    }

    private void refilter() {
        CgroupRow r = root.get();
        if (r == null) return;
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        mark(r, f);
        r.setShown(true); // the root stays, so a filter with no match shows an empty tree, not none
    }

    /** @return whether the row or a descendant matches */
    private boolean mark(CgroupRow row, String f) {
        boolean self = !f.isEmpty() && row.ref().path().toString().toLowerCase(Locale.ROOT).contains(f);
        boolean any = f.isEmpty() || self;
        List<CgroupRow> kids = new ArrayList<>(row.children());
        for (CgroupRow k : kids) any |= mark(k, f);
        row.setMatches(self);
        row.setShown(any);
        return any;
    }
}
