package org.corral.ui.details;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.InvalidValueException;
import org.corral.ui.Jobs;
import org.corral.ui.Notices;
import org.corral.systemd.CgroupOperation;
import org.corral.ui.actions.CgroupActions;
import org.corral.ui.owner.Advice;
import org.corral.ui.owner.WriteAdvisor;
import org.corral.ui.tree.CgroupRow;

/**
 * The details pane of the selected cgroup: what it is (core files vs. controllers, v1's tasks
 * vs. cgroup.procs, notify_on_release, release_agent), its limits editor, its controllers, and
 * the operations create / remove / freeze / thaw / kill, each done off the UI thread with the
 * outcome told in the message bar.
 */
public final class CgroupDetailsViewModel {
    private final CgroupActions actions;
    private final Jobs jobs;
    private final Notices notices;
    private final Runnable refresh;
    private final ObjectProperty<CgroupRow> row = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper core = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper controllersText = new ReadOnlyStringWrapper("");
    private final ObservableList<ControllerToggle> controllers = FXCollections.observableArrayList();
    private final LimitsEditorViewModel limits;
    private final WriteAdvisor advisor;
    /** The operations of the buttons, in their order, with the buttons' names. */
    static final Map<CgroupOperation, String> OPS = ops();
    private final Map<CgroupOperation, ReadOnlyObjectWrapper<Advice>> advice = new EnumMap<>(CgroupOperation.class);
    private final ReadOnlyStringWrapper refusals = new ReadOnlyStringWrapper("");
    private final ChangeListener<CgroupStats> onStats = (o, was, now) -> refreshFromRow();

    /**
     * @param refresh asks the tree to read again now (after a change), instead of at its next tick
     * @param advisor what each operation will do on the selected cgroup (systemd's tree), told before
     */
    public CgroupDetailsViewModel(CgroupActions actions, Jobs jobs, Notices notices, LimitsEditorViewModel limits,
                                  Runnable refresh, WriteAdvisor advisor) {
        this.actions = actions;
        this.jobs = jobs;
        this.notices = notices;
        this.limits = limits;
        this.refresh = refresh;
        this.advisor = advisor;
        for (CgroupOperation op : OPS.keySet()) advice.put(op, new ReadOnlyObjectWrapper<>(Advice.QUIET));
        row.addListener((o, was, now) -> {
            if (was != null) was.statsProperty().removeListener(onStats);
            if (now != null) now.statsProperty().addListener(onStats);
            refreshFromRow();
            adviseOn(now == null ? null : now.ref());
        });
    }

    private static Map<CgroupOperation, String> ops() {
        Map<CgroupOperation, String> m = new LinkedHashMap<>();
        m.put(CgroupOperation.CREATE, "New child");
        m.put(CgroupOperation.REMOVE, "Remove");
        m.put(CgroupOperation.FREEZE, "Freeze");
        m.put(CgroupOperation.THAW, "Thaw");
        m.put(CgroupOperation.KILL, "Kill all");
        m.put(CgroupOperation.ENABLE_CONTROLLERS, "Controllers");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Asks the write policy about every operation on the newly selected cgroup (its owner does
     * not change while it is selected). A new child is asked about with a placeholder name; the
     * typed name is checked again in {@link #checkChildName}.
     */
    private void adviseOn(CgroupRef ref) {
        Map<String, List<String>> refusedBySentence = new LinkedHashMap<>();
        for (CgroupOperation op : OPS.keySet()) {
            Advice a = ref == null ? Advice.QUIET
                    : op == CgroupOperation.CREATE ? advisor.of(ref.child("new"), op) : advisor.of(ref, op);
            advice.get(op).set(a);
            if (a.refused() && op != CgroupOperation.ENABLE_CONTROLLERS) {
                refusedBySentence.computeIfAbsent(a.sentence(), k -> new ArrayList<>()).add(OPS.get(op));
            }
        }
        refusals.set(refusalLines(refusedBySentence));
    }

    /**
     * "New child, Remove: sentence" per reason. The policy's sentences about one cgroup begin
     * alike ("/a is session-2.scope, owned by systemd; …"): that is said once, on a line of its
     * own, and each line goes on with the rest of its sentence.
     */
    static String refusalLines(Map<String, List<String>> namesBySentence) {
        String common = null;
        for (String sentence : namesBySentence.keySet()) {
            int cut = sentence.indexOf("; ");
            String head = cut < 0 ? null : sentence.substring(0, cut);
            common = common == null ? head : java.util.Objects.equals(common, head) ? common : "";
            if (head == null) common = "";
        }
        boolean factor = common != null && !common.isEmpty();
        List<String> lines = new ArrayList<>();
        if (factor) lines.add(common + ".");
        for (var e : namesBySentence.entrySet()) {
            String rest = factor ? e.getKey().substring(common.length() + 2) : e.getKey();
            lines.add(String.join(", ", e.getValue()) + ": " + rest);
        }
        return String.join("\n", lines);
    }

    /** What {@code op} will do on the selected cgroup; refused ones disable their button. */
    public ReadOnlyObjectProperty<Advice> adviceProperty(CgroupOperation op) {
        ReadOnlyObjectWrapper<Advice> w = advice.get(op);
        if (w == null) throw new IllegalArgumentException("no button for " + op);
        return w.getReadOnlyProperty();
    }

    public Advice advice(CgroupOperation op) {
        return adviceProperty(op).get();
    }

    /**
     * One line per refused operation (those with the same reason share a line): "Remove: … is
     * session-2.scope, owned by systemd; only systemd removes it. Stop the unit instead: …".
     * A disabled button shows no tooltip, so the reason is shown beside the buttons.
     */
    public ReadOnlyStringProperty refusalsProperty() {
        return refusals.getReadOnlyProperty();
    }

    /** The confirmation before Remove: the question, and what Corral will do. */
    public String removeQuestion() {
        return withAdvice("Remove " + title.get() + "? It must be empty.", CgroupOperation.REMOVE);
    }

    /** The confirmation before Kill all. */
    public String killQuestion() {
        return withAdvice("Kill every process in " + title.get() + " and below?", CgroupOperation.KILL);
    }

    /** The header of the new-child dialog. */
    public String createHeader() {
        return withAdvice("A new cgroup below " + title.get(), CgroupOperation.CREATE);
    }

    private String withAdvice(String question, CgroupOperation op) {
        Advice a = advice(op);
        return a.speaks() ? question + "\n\n" + a.sentence() : question;
    }

    private void refreshFromRow() {
        CgroupRow r = row.get();
        if (r == null || r.stats() == null) {
            title.set("No cgroup selected");
            core.set("");
            controllersText.set("");
            controllers.clear();
            limits.show(null, null, null);
            return;
        }
        CgroupStats s = r.stats();
        CgroupRef ref = r.ref();
        title.set(ref.toString());
        core.set(describeCore(ref, s));
        controllersText.set(describeControllers(ref, s));
        syncControllers(ref, s);
        limits.show(ref, s, r.effectiveMaxProperty().get());
    }

    /** The core: which processes and threads are here, and the per-version bookkeeping files. */
    static String describeCore(CgroupRef ref, CgroupStats s) {
        StringBuilder b = new StringBuilder();
        if (ref.hierarchy().isV2()) {
            b.append("cgroup.procs: ").append(s.processes()).append(" process").append(s.processes() == 1 ? "" : "es")
                    .append("   cgroup.threads: ").append(s.threads()).append(" thread").append(s.threads() == 1 ? "" : "s");
            if (s.type() != null) b.append("   cgroup.type: ").append(s.type());
            if (s.populated() != null) b.append("\npopulated: ").append(s.populated() ? "yes (a process lives here or below)" : "no");
            if (s.frozen() != null) b.append("   frozen: ").append(s.frozen() ? "yes" : "no");
        } else {
            b.append("tasks: ").append(s.threads()).append(" thread").append(s.threads() == 1 ? "" : "s")
                    .append(" (writing a thread ID moves that thread)\ncgroup.procs: ").append(s.processes())
                    .append(" process").append(s.processes() == 1 ? "" : "es").append(" (writing a PID moves all its threads)");
            if (s.notifyOnRelease() != null) {
                b.append("\nnotify_on_release: ").append(s.notifyOnRelease() ? "1 (run the release agent when it empties)" : "0");
            }
            if (s.releaseAgent() != null) {
                b.append("\nrelease_agent: ").append(s.releaseAgent().isEmpty() ? "(none)" : s.releaseAgent())
                        .append(" (top cgroup only)");
            }
            if (s.freezerState() != null) b.append("\nfreezer.state: ").append(s.freezerState());
        }
        return b.toString();
    }

    static String describeControllers(CgroupRef ref, CgroupStats s) {
        if (!ref.hierarchy().isV2()) {
            return "cgroup v1: this hierarchy's controllers are fixed when it is mounted: "
                    + String.join(", ", new java.util.TreeSet<>(ref.hierarchy().controllers())) + ".";
        }
        String avail = s.controllers() == null || s.controllers().isEmpty() ? "none" : String.join(" ", s.controllers());
        String sub = s.subtreeControl() == null || s.subtreeControl().isEmpty() ? "none" : String.join(" ", s.subtreeControl());
        return "Controllers it may use (cgroup.controllers): " + avail + "\nGiven to its children (cgroup.subtree_control): " + sub;
    }

    private void syncControllers(CgroupRef ref, CgroupStats s) {
        if (!ref.hierarchy().isV2() || s.controllers() == null) {
            controllers.clear();
            return;
        }
        Set<String> on = s.subtreeControl() == null ? Set.of() : s.subtreeControl();
        List<String> names = new ArrayList<>(s.controllers());
        if (controllers.stream().map(ControllerToggle::name).toList().equals(names)) {
            for (ControllerToggle t : controllers) {
                if (t.onProperty().get() != on.contains(t.name())) t.onProperty().set(on.contains(t.name()));
            }
            return;
        }
        List<ControllerToggle> fresh = new ArrayList<>();
        for (String n : names) fresh.add(new ControllerToggle(n, on.contains(n)));
        controllers.setAll(fresh);
    }

    /** Turns a controller on or off for the selected cgroup's children. */
    public void setController(String name, boolean on) {
        CgroupRef ref = ref();
        if (ref == null || refused(CgroupOperation.ENABLE_CONTROLLERS)) return;
        run(() -> {
            return actions.enable(ref, List.of((on ? "+" : "-") + name))
                    .tell((on ? "Enabled " : "Disabled ") + name + " for the children of " + ref + ".");
        });
    }

    /** Checks a child name as a person types it; null when fine. */
    public String checkChildName(String name) {
        CgroupRef ref = ref();
        if (ref == null) return "Select the cgroup to create it in.";
        if (name == null || name.isBlank()) return "Type a name for the new cgroup.";
        CgroupRef child;
        try {
            child = ref.child(name.strip());
        } catch (InvalidValueException e) {
            return e.getMessage();
        }
        Advice a = advisor.of(child, CgroupOperation.CREATE);
        return a.refused() ? a.sentence() : null;
    }

    public void createChild(String name) {
        CgroupRef ref = ref();
        String problem = checkChildName(name);
        if (problem != null) {
            notices.problem(problem);
            return;
        }
        CgroupRef child = ref.child(name.strip());
        run(() -> {
            return actions.create(child).tell("Created " + child + ".");
        });
    }

    public void remove() {
        CgroupRef ref = ref();
        if (ref == null || refused(CgroupOperation.REMOVE)) return;
        run(() -> {
            return actions.remove(ref).tell("Removed " + ref + ".");
        });
    }

    public void freeze() {
        CgroupRef ref = ref();
        if (ref == null || refused(CgroupOperation.FREEZE)) return;
        run(() -> {
            return actions.freeze(ref).tell("Froze " + ref + ": its processes are stopped until thawed.");
        });
    }

    public void thaw() {
        CgroupRef ref = ref();
        if (ref == null || refused(CgroupOperation.THAW)) return;
        run(() -> {
            return actions.thaw(ref).tell("Thawed " + ref + ".");
        });
    }

    public void kill() {
        CgroupRef ref = ref();
        if (ref == null || refused(CgroupOperation.KILL)) return;
        run(() -> {
            var done = actions.kill(ref);
            int n = done.processes();
            return done.tell("Killed " + n + " process" + (n == 1 ? "" : "es") + " in " + ref + ".");
        });
    }

    /** A refused operation is not sent at all: the message bar repeats why. */
    private boolean refused(CgroupOperation op) {
        Advice a = advice(op);
        if (a.refused()) notices.problem(a.sentence());
        return a.refused();
    }

    private void run(Callable<String> op) {
        if (!actions.access().writable()) {
            notices.problem("Nothing changed: " + actions.access().reason() + ".");
            return;
        }
        jobs.run(op, msg -> {
            notices.info(msg);
            refresh.run();
        }, e -> {
            notices.problem(e.getMessage());
            refresh.run();
        });
    }

    private CgroupRef ref() {
        return row.get() == null ? null : row.get().ref();
    }

    public boolean canWrite() {
        return actions.access().writable();
    }

    /** Whether the selected cgroup is a v2 one (controllers on/off apply there only). */
    public boolean isV2() {
        return ref() != null && ref().hierarchy().isV2();
    }

    public static boolean isRoot(CgroupRow r) {
        return r != null && r.ref().path().equals(CgroupPath.ROOT);
    }

    public ObjectProperty<CgroupRow> rowProperty() {
        return row;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty coreProperty() {
        return core.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty controllersTextProperty() {
        return controllersText.getReadOnlyProperty();
    }

    public ObservableList<ControllerToggle> controllers() {
        return controllers;
    }

    public LimitsEditorViewModel limits() {
        return limits;
    }
}
