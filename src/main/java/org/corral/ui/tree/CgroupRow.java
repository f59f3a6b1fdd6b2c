package org.corral.ui.tree;

import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.owner.OwnerBadge;

/**
 * One cgroup in the tree, kept for as long as the cgroup exists: each refresh updates its
 * properties in place (a property fires only when its value really changed), so the tree's
 * rows, selection and expansion survive refreshes. {@link #visibleChildren()} is what the
 * filter lets through.
 */
public final class CgroupRow {
    private final CgroupRef ref;
    private final CgroupRow parent;
    private final OwnerBadge owner;
    private final ObjectProperty<CgroupStats> stats = new SimpleObjectProperty<>();
    private final IntegerProperty processes = new SimpleIntegerProperty();
    private final ObjectProperty<Long> memoryCurrent = new SimpleObjectProperty<>();
    private final ObjectProperty<MemoryLimit> memoryMax = new SimpleObjectProperty<>();
    private final ObjectProperty<MemoryLimit> effectiveMax = new SimpleObjectProperty<>();
    private final ObjectProperty<Double> cpuPercent = new SimpleObjectProperty<>();
    private final BooleanProperty frozen = new SimpleBooleanProperty();
    private final LongProperty oomKills = new SimpleLongProperty();
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private final BooleanProperty matches = new SimpleBooleanProperty(false);
    private final ObservableList<CgroupRow> children =
            FXCollections.observableArrayList(r -> new Observable[] {r.shown});
    private final FilteredList<CgroupRow> visibleChildren = new FilteredList<>(children, CgroupRow::isShown);

    CgroupRow(CgroupRef ref, CgroupRow parent, OwnerBadge owner) {
        this.ref = ref;
        this.parent = parent;
        this.owner = owner;
    }

    public CgroupRef ref() {
        return ref;
    }

    public CgroupRow parent() {
        return parent;
    }

    /**
     * Who owns the cgroup (systemd, delegated, nobody), read once when the row is made: a path's
     * owner changes only when its unit is replaced, and then the cgroup is made anew.
     */
    public OwnerBadge owner() {
        return owner;
    }

    public String name() {
        return ref.path().isRoot() ? ref.hierarchy().mountPoint() : ref.path().name();
    }

    /** Sets the numbers from a fresh read; only real changes fire. */
    void update(CgroupStats s, Double cpu, MemoryLimit effective) {
        stats.set(s);
        processes.set(s.processes());
        CgroupStats.Memory m = s.memory();
        setIfChanged(memoryCurrent, m == null ? null : m.current());
        setIfChanged(memoryMax, m == null ? null : m.max());
        setIfChanged(effectiveMax, effective);
        setIfChanged(cpuPercent, cpu == null ? null : Math.round(cpu * 10) / 10.0);
        frozen.set(Boolean.TRUE.equals(s.frozen()));
        oomKills.set(m == null || m.events() == null ? 0 : m.events().oomKill());
    }

    /** A refresh that did not read this cgroup: only the inherited limit may have changed. */
    void inherit(MemoryLimit effective) {
        setIfChanged(effectiveMax, effective);
    }

    private static <T> void setIfChanged(ObjectProperty<T> p, T v) {
        if (!Objects.equals(p.get(), v)) p.set(v);
    }

    public ReadOnlyObjectProperty<CgroupStats> statsProperty() {
        return stats;
    }

    public CgroupStats stats() {
        return stats.get();
    }

    public ReadOnlyIntegerProperty processesProperty() {
        return processes;
    }

    public ReadOnlyObjectProperty<Long> memoryCurrentProperty() {
        return memoryCurrent;
    }

    public ReadOnlyObjectProperty<MemoryLimit> memoryMaxProperty() {
        return memoryMax;
    }

    /** The tightest memory.max of this cgroup and its ancestors: what really caps it. */
    public ReadOnlyObjectProperty<MemoryLimit> effectiveMaxProperty() {
        return effectiveMax;
    }

    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent;
    }

    public ReadOnlyBooleanProperty frozenProperty() {
        return frozen;
    }

    /** memory.events oom_kill (v1: memory.oom_control oom_kill): OOM kills in this cgroup. */
    public ReadOnlyLongProperty oomKillsProperty() {
        return oomKills;
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown;
    }

    public boolean isShown() {
        return shown.get();
    }

    void setShown(boolean v) {
        shown.set(v);
    }

    /** Whether the row itself matches the filter (not just an ancestor of a match). */
    public ReadOnlyBooleanProperty matchesProperty() {
        return matches;
    }

    void setMatches(boolean v) {
        matches.set(v);
    }

    /** All children, by name. */
    public ObservableList<CgroupRow> children() {
        return children;
    }

    ObservableList<CgroupRow> mutableChildren() {
        return children;
    }

    /** The children the filter shows, in order. */
    public ObservableList<CgroupRow> visibleChildren() {
        return visibleChildren;
    }

    /** "memory.max" column: the own limit, or the inherited one in brackets when only that caps it. */
    public String memoryMaxText() {
        MemoryLimit own = memoryMax.get();
        MemoryLimit eff = effectiveMax.get();
        if (own == null) return eff == null || eff.isMax() ? "" : "(" + eff + ")";
        if (own.isMax() && eff != null && !eff.isMax()) return "max (" + eff + ")";
        return own.toString();
    }

    @Override public String toString() {
        return ref.toString();
    }
}
