package org.corral.ui.details;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.LimitKey;
import org.corral.cgroup.MemoryLimit;
import org.corral.ui.Jobs;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.actions.LimitValues;
import org.corral.ui.owner.Advice;
import org.corral.ui.owner.WriteAdvisor;

/**
 * The limits editor of the selected cgroup: one {@link LimitField} per limit its hierarchy can
 * hold (v2: the controllers enabled for it; v1: this hierarchy's controllers), Apply (every
 * changed, valid field, through the actions, off the UI thread) and Revert.
 */
public final class LimitsEditorViewModel {
    private final CgroupActions actions;
    private final Jobs jobs;
    private final Function<CgroupRef, CgroupStats> reread;
    private final ObservableList<LimitField> fields = FXCollections.observableArrayList(
            f -> new javafx.beans.Observable[] {f.dirtyProperty(), f.errorProperty()});
    private final ReadOnlyObjectWrapper<CgroupRef> cgroup = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper emptyReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final WriteAdvisor advisor;
    private final ReadOnlyStringWrapper policy = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper policyRefuses = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canApply;
    private final BooleanBinding anyDirty;

    public LimitsEditorViewModel(CgroupActions actions, Jobs jobs, Function<CgroupRef, CgroupStats> reread) {
        this(actions, jobs, reread, WriteAdvisor.withoutSystemd());
    }

    /**
     * @param reread  reads a cgroup again (off the UI thread) right after a write, so the kernel's
     *                values show at once, not at the next refresh
     * @param advisor how a limit is set on the shown cgroup (raw, through systemd, or refused), said
     *                under Apply before the person applies
     */
    public LimitsEditorViewModel(CgroupActions actions, Jobs jobs, Function<CgroupRef, CgroupStats> reread,
                                 WriteAdvisor advisor) {
        this.actions = actions;
        this.jobs = jobs;
        this.reread = reread;
        this.advisor = advisor;
        anyDirty = Bindings.createBooleanBinding(() -> fields.stream().anyMatch(LimitField::isDirty), fields);
        canApply = Bindings.createBooleanBinding(() -> !busy.get() && actions.access().writable() && !policyRefuses.get()
                && fields.stream().anyMatch(LimitField::isDirty)
                && fields.stream().filter(LimitField::isDirty).allMatch(LimitField::isValid), fields, busy, policyRefuses);
        // the advice follows what is being edited (a field turning dirty or clean)
        fields.addListener((javafx.collections.ListChangeListener<LimitField>) c -> advise());
    }

    /**
     * What Apply will do, said before it is pressed: the write policy's sentence for each limit
     * being edited (for memory.max, or the first limit, while none is). Empty where systemd does
     * not run: there every limit is a plain write of the cgroup's file.
     */
    private void advise() {
        CgroupRef ref = cgroup.get();
        if (ref == null || fields.isEmpty()) {
            policy.set("");
            policyRefuses.set(false);
            return;
        }
        List<LimitField> edited = fields.stream().filter(LimitField::isDirty).toList();
        if (edited.isEmpty()) {
            LimitField f = field(LimitKey.MEMORY_MAX);
            edited = List.of(f != null ? f : fields.get(0));
        }
        java.util.LinkedHashSet<String> sentences = new java.util.LinkedHashSet<>();
        boolean refused = false;
        for (LimitField f : edited) {
            Advice a = advisor.ofSet(ref, f.key(), f.textProperty().get());
            if (a.speaks()) sentences.add(a.sentence());
            refused |= a.refused() && f.isDirty();
        }
        policy.set(String.join("\n", sentences));
        policyRefuses.set(refused);
    }

    /** The write policy's sentence for the limits being edited; empty where there is nothing to say. */
    public ReadOnlyStringProperty policyProperty() {
        return policy.getReadOnlyProperty();
    }

    /** Whether a limit being edited is refused (then Apply is off, and {@link #policyProperty()} says why). */
    public ReadOnlyBooleanProperty policyRefusesProperty() {
        return policyRefuses.getReadOnlyProperty();
    }

    /** The limits a cgroup can hold, in LimitKey order. io.max (per device lines) is left to the CLI. */
    static List<LimitKey> keysFor(CgroupRef ref, CgroupStats s) {
        List<LimitKey> out = new ArrayList<>();
        if (ref.path().isRoot() || s == null) return out;
        for (LimitKey k : LimitKey.values()) {
            if (k == LimitKey.IO_MAX) continue;
            if (ref.hierarchy().isV2()) {
                if (s.controllers() != null && s.controllers().contains(k.controller())) out.add(k);
            } else if (ref.hierarchy().has(k.controllerV1()) && !k.v1Files().isEmpty()) {
                if (k == LimitKey.MEMORY_SWAP_MAX && (s.memory() == null || s.memory().swapMax() == null)) continue;
                out.add(k);
            }
        }
        return out;
    }

    /**
     * Shows a cgroup, or refreshes the one shown: a new cgroup rebuilds the fields; the same one
     * only updates the kernel's values, keeping what is being typed.
     */
    public void show(CgroupRef ref, CgroupStats s, MemoryLimit effectiveMax) {
        if (ref == null) {
            cgroup.set(null);
            fields.clear();
            emptyReason.set("Select a cgroup to see its limits.");
            advise();
            return;
        }
        List<LimitKey> keys = keysFor(ref, s);
        boolean same = ref.equals(cgroup.get()) && keys.equals(fields.stream().map(LimitField::key).toList());
        if (!same) {
            cgroup.set(ref);
            List<LimitField> fresh = new ArrayList<>();
            for (LimitKey k : keys) fresh.add(new LimitField(k));
            fields.setAll(fresh);
            outcome.set("");
        }
        for (LimitField f : fields) {
            f.load(LimitValues.current(s, f.key()), LimitValues.kernel(s, f.key()), effective(f.key(), s, effectiveMax));
        }
        emptyReason.set(keys.isEmpty() ? whyNone(ref, s) : "");
        if (!same) advise();
    }

    private static String effective(LimitKey k, CgroupStats s, MemoryLimit effectiveMax) {
        if (k == LimitKey.MEMORY_MAX && effectiveMax != null) return effectiveMax.isMax() ? "no limit" : effectiveMax + " applies";
        if (k == LimitKey.CPUSET_CPUS && s.cpuset() != null && s.cpuset().cpusEffective() != null) {
            return "runs on " + s.cpuset().cpusEffective();
        }
        if (k == LimitKey.CPUSET_MEMS && s.cpuset() != null && s.cpuset().memsEffective() != null) {
            return "nodes " + s.cpuset().memsEffective();
        }
        if (k == LimitKey.CPU_MAX && s.cpu() != null && s.cpu().max() != null) {
            var cpus = s.cpu().max().cpus();
            return cpus.isPresent() ? String.format("%.2f CPUs", cpus.getAsDouble()) : "no limit";
        }
        return "";
    }

    static String whyNone(CgroupRef ref, CgroupStats s) {
        if (ref.path().isRoot()) return "The root cgroup takes no limits; select or create a cgroup below it.";
        if (ref.hierarchy().isV2()) {
            return "No controller is enabled for " + ref + " (cgroup.controllers is empty): the cgroup v2 core only "
                    + "organises processes; controllers distribute resources once the parent enables them in "
                    + "cgroup.subtree_control." + (ref.hierarchy().controllers().isEmpty()
                    || ref.hierarchy().controllers().equals(java.util.Set.of("hugetlb"))
                    ? " On this hybrid host memory, cpu and pids are bound to v1 hierarchies: switch the tree to one of those." : "");
        }
        return "The v1 hierarchy '" + ref.hierarchy().label() + "' has no limit Corral sets; switch to memory, cpu, cpuset or pids.";
    }

    /** Writes every changed field (all valid, else nothing is written). */
    public void apply() {
        CgroupRef ref = cgroup.get();
        if (ref == null || !canApply.get()) return;
        Map<LimitField, String> todo = new LinkedHashMap<>();
        for (LimitField f : fields) if (f.isDirty()) todo.put(f, f.textProperty().get().strip());
        busy.set(true);
        outcome.set("Applying…");
        jobs.run(() -> {
            Map<LimitField, String> errors = new LinkedHashMap<>();
            List<String> said = new ArrayList<>();
            for (Map.Entry<LimitField, String> e : todo.entrySet()) {
                try {
                    var d = actions.set(ref, e.getKey().key(), e.getValue());
                    if (d.said() != null) said.add(d.tell(e.getKey().key().file() + " set."));
                } catch (RuntimeException ex) {
                    errors.put(e.getKey(), ex.getMessage());
                }
            }
            return new Applied(errors, said, reread.apply(ref));
        }, done -> {
            busy.set(false);
            for (Map.Entry<LimitField, String> e : todo.entrySet()) {
                String err = done.errors().get(e.getKey());
                if (err == null) e.getKey().applied(e.getValue());
            }
            if (ref.equals(cgroup.get()) && done.stats() != null) {
                for (LimitField f : fields) {
                    f.load(LimitValues.current(done.stats(), f.key()), LimitValues.kernel(done.stats(), f.key()),
                            effective(f.key(), done.stats(), null));
                }
            }
            for (Map.Entry<LimitField, String> e : done.errors().entrySet()) e.getKey().refused(e.getValue());
            int ok = todo.size() - done.errors().size();
            // where the backend said what it did (through systemd), its words are the outcome
            String words = done.said().isEmpty() ? "" : " " + String.join(" ", done.said());
            outcome.set((done.errors().isEmpty() ? "Applied " + ok + " limit" + (ok == 1 ? "" : "s") + " to " + ref + "."
                    : ok + " applied; " + done.errors().size() + " refused (see the field" + (done.errors().size() == 1 ? "" : "s") + ").")
                    + words);
        }, ex -> {
            busy.set(false);
            outcome.set("Nothing applied: " + ex.getMessage());
        });
    }

    private record Applied(Map<LimitField, String> errors, List<String> said, CgroupStats stats) {}

    public void revert() {
        fields.forEach(LimitField::revert);
        outcome.set("");
    }

    public LimitField field(LimitKey k) {
        for (LimitField f : fields) if (f.key() == k) return f;
        return null;
    }

    public ObservableList<LimitField> fields() {
        return fields;
    }

    public ReadOnlyObjectProperty<CgroupRef> cgroupProperty() {
        return cgroup.getReadOnlyProperty();
    }

    /** Why there are no fields, in a sentence (empty when there are). */
    public ReadOnlyStringProperty emptyReasonProperty() {
        return emptyReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    public BooleanBinding anyDirtyProperty() {
        return anyDirty;
    }
}
