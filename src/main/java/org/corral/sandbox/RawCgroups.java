package org.corral.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.corral.cgroup.CgroupException;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupScanner;
import org.corral.cgroup.CgroupWriter;
import org.corral.cgroup.FileChange;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.LimitKey;

/**
 * The cgroups of one launch made directly in cgroupfs (no systemd, or a subtree that is
 * Corral's to write): existing ones as given, or new ones created with their limits before
 * any process exists (so the cap holds from the payload's first instruction), and removed
 * again when the launch fails or the payload is gone.
 */
final class RawCgroups implements LaunchCgroups {
    private final CgroupWriter writer;
    private final List<CgroupRef> targets;
    private final Deque<CgroupRef> created;
    private final long oomKillsBefore;
    private final List<FileChange> changes = new ArrayList<>();

    private RawCgroups(CgroupWriter writer, List<CgroupRef> targets, Deque<CgroupRef> created, List<FileChange> limits) {
        this.writer = writer;
        this.targets = List.copyOf(targets);
        this.created = created;
        this.changes.addAll(limits);
        this.oomKillsBefore = countOomKills();
    }

    /** The cgroup files written: limits, then cgroup.procs (for the backend's journal). */
    @Override
    public List<FileChange> changes() {
        return List.copyOf(changes);
    }

    @Override
    public List<CgroupRef> targets() {
        return targets;
    }

    /**
     * Creates the plan's cgroups (parents too, where missing) and sets its limits; on any
     * refusal removes what it created and throws a {@link LaunchException} with the reason.
     */
    static RawCgroups create(CgroupPlan plan, CgroupWriter writer) {
        if (!plan.createsNew()) return new RawCgroups(writer, plan.existing(), new ArrayDeque<>(), List.of());
        Deque<CgroupRef> created = new ArrayDeque<>();
        List<CgroupRef> leaves = new ArrayList<>();
        List<FileChange> limits = new ArrayList<>();
        try {
            for (Hierarchy h : plan.hierarchies()) {
                CgroupRef parent = ensureParent(writer, h, plan.parent(), created, controllersFor(plan, h));
                CgroupRef leaf = parent.child(plan.name());
                writer.create(leaf);
                created.push(leaf);
                if (!h.isV2() && h.has("cpuset")) inheritCpuset(leaf);
                for (CgroupPlan.Limit l : plan.limits()) {
                    if (holds(h, l.key())) limits.addAll(writer.set(leaf, l.key().file(), l.value()));
                }
                leaves.add(leaf);
            }
        } catch (CgroupException e) {
            removeAll(writer, created);
            throw new LaunchException(e.getMessage(), e);
        }
        return new RawCgroups(writer, leaves, created, limits);
    }

    /** Whether hierarchy {@code h} is where limit {@code k} is written. */
    static boolean holds(Hierarchy h, LimitKey k) {
        return h.isV2() ? h.has(k.controller()) : h.has(k.controllerV1());
    }

    private static Set<String> controllersFor(CgroupPlan plan, Hierarchy h) {
        Set<String> c = new LinkedHashSet<>();
        if (!h.isV2()) return c;
        for (CgroupPlan.Limit l : plan.limits()) if (h.has(l.key().controller())) c.add(l.key().controller());
        if (h.has("memory")) c.add("memory");
        return c;
    }

    /**
     * The parent, created where missing; on v2 every cgroup from the root down to it hands the
     * needed controllers to its children (cgroup.subtree_control), or the limit files would
     * not exist in the new cgroup.
     */
    private static CgroupRef ensureParent(CgroupWriter writer, Hierarchy h, CgroupPath parent, Deque<CgroupRef> created,
                                          Set<String> controllers) {
        CgroupRef ref = new CgroupRef(h, CgroupPath.ROOT);
        enableMissing(writer, ref, controllers);
        for (String seg : parent.segments()) {
            ref = ref.child(seg);
            if (!Files.isDirectory(writer.checkedDir(ref))) {
                try {
                    writer.create(ref);
                    created.push(ref);
                    if (!h.isV2() && h.has("cpuset")) inheritCpuset(ref);
                } catch (CgroupException e) {
                    if (!Files.isDirectory(writer.checkedDir(ref))) throw e; // else another launch made it meanwhile
                }
            }
            enableMissing(writer, ref, controllers);
        }
        return ref;
    }

    private static void enableMissing(CgroupWriter writer, CgroupRef ref, Set<String> controllers) {
        if (!ref.hierarchy().isV2() || controllers.isEmpty()) return;
        Set<String> on = Set.of(read(ref.dir().resolve("cgroup.subtree_control")).split("\\s+"));
        List<String> missing = controllers.stream().filter(c -> !on.contains(c)).map(c -> "+" + c).toList();
        if (!missing.isEmpty()) writer.enable(ref, missing);
    }

    /** v1 cpuset: a new cgroup starts with no CPUs and no memory nodes; give it its parent's. */
    private static void inheritCpuset(CgroupRef ref) {
        Path dir = ref.dir();
        Path parent = dir.getParent();
        try {
            for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
                String v = read(parent.resolve(f));
                if (!v.isEmpty()) org.corral.sys.Sys.writeFile(dir.resolve(f), v);
            }
        } catch (IOException e) {
            throw new CgroupException("cannot give " + ref + " its parent's CPUs and memory nodes: " + e.getMessage(), e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Moves a process (all its threads) into every target cgroup. */
    @Override
    public void admit(int pid) {
        try {
            for (CgroupRef r : targets) changes.add(writer.move(r, pid));
        } catch (CgroupException e) {
            throw new LaunchException(e.getMessage(), e);
        }
    }

    /** OOM kills in the payload's memory cgroup since the launch began. */
    @Override
    public long oomKills() {
        return Math.max(0, countOomKills() - oomKillsBefore);
    }

    private long countOomKills() {
        return oomKillsIn(targets);
    }

    /** The oom_kill counters of these cgroups' memory controllers, added up (0 for one that is gone). */
    static long oomKillsIn(List<CgroupRef> cgroups) {
        CgroupReader reader = new CgroupReader();
        long n = 0;
        for (CgroupRef r : cgroups) {
            if (!(r.hierarchy().has("memory"))) continue;
            n += reader.oomKills(r);
        }
        return n;
    }

    /** Kills every process left in the cgroups this launch created (never in existing ones). */
    @Override
    public void killAll() {
        for (CgroupRef r : targets) {
            if (created.contains(r) && Files.isDirectory(r.dir())) {
                try {
                    writer.kill(r);
                } catch (CgroupException ignored) {
                    // removal below reports what is left
                }
            }
        }
    }

    /**
     * Removes the cgroups this launch created, deepest first, waiting briefly for exiting
     * processes to leave; returns the ones that still have processes (left in place).
     */
    @Override
    public List<CgroupRef> release() {
        return removeAll(writer, created);
    }

    @Override
    public void undo() {
        if (!created.isEmpty()) killAll();
        removeAll(writer, created);
    }

    private static List<CgroupRef> removeAll(CgroupWriter writer, Deque<CgroupRef> created) {
        List<CgroupRef> left = new ArrayList<>();
        while (!created.isEmpty()) {
            CgroupRef r = created.pop();
            if (!Files.isDirectory(r.dir())) continue;
            if (CgroupScanner.hasChildren(r.dir())) continue; // a parent another launch is using now: it stays
            boolean gone = false;
            for (int i = 0; i < 100 && !gone; i++) { // up to 2 s for exiting processes to leave
                try {
                    writer.remove(r);
                    gone = true;
                } catch (CgroupException e) {
                    sleep(20);
                }
            }
            if (!gone) left.add(r);
        }
        return left;
    }


    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
