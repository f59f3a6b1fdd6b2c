package org.corral.ui.procs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.proc.ProcessInfo;
import org.corral.ui.Jobs;
import org.corral.ui.actions.CgroupActions;

/**
 * What a drop of processes onto a cgroup does (also the context menu's and the keyboard's
 * "Move to"): checks each process with the {@link MovePolicy}, moves the rest through the
 * actions off the UI thread, and reports the outcome in sentences.
 */
public final class ProcessMover {
    private final CgroupActions actions;
    private final MovePolicy policy;
    private final Jobs jobs;

    public ProcessMover(CgroupActions actions, MovePolicy policy, Jobs jobs) {
        this.actions = actions;
        this.policy = policy;
        this.jobs = jobs;
    }

    /**
     * What happened to a drop: the PIDs moved and one sentence per process that was not.
     *
     * @param said the backend's words about the moves it made (through systemd), one per process
     */
    public record Outcome(CgroupRef target, List<Integer> moved, List<String> refused, List<String> said) {
        public Outcome(CgroupRef target, List<Integer> moved, List<String> refused) {
            this(target, moved, refused, List.of());
        }

        public String summary() {
            String m = moved.isEmpty() ? "" : "Moved " + (moved.size() == 1 ? "process " + moved.get(0)
                    : moved.size() + " processes") + " to " + target + ".";
            if (!said.isEmpty()) m = String.join(" ", said);
            String r = String.join(" ", refused);
            return (m + " " + r).strip();
        }
    }

    public MovePolicy policy() {
        return policy;
    }

    public void move(List<ProcessInfo> processes, CgroupRef target, CgroupStats targetStats, Consumer<Outcome> done) {
        if (!actions.access().writable()) {
            done.accept(new Outcome(target, List.of(), List.of("Nothing was moved: " + actions.access().reason() + "."), List.of()));
            return;
        }
        List<String> refused = new ArrayList<>();
        List<ProcessInfo> go = new ArrayList<>();
        for (ProcessInfo p : processes) {
            policy.refusal(p, target, targetStats).ifPresentOrElse(refused::add, () -> go.add(p));
        }
        jobs.run(() -> {
            List<Integer> moved = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> said = new ArrayList<>();
            for (ProcessInfo p : go) {
                try {
                    var d = actions.move(target, p.pid());
                    if (d.said() != null) said.add(d.tell("Moved process " + p.pid() + "."));
                    moved.add(p.pid());
                } catch (RuntimeException e) {
                    failed.add("Process " + p.pid() + " (" + p.comm() + ") was not moved: " + e.getMessage() + ".");
                }
            }
            return new Outcome(target, moved, failed, said);
        }, o -> {
            List<String> all = new ArrayList<>(refused);
            all.addAll(o.refused());
            done.accept(new Outcome(target, o.moved(), all, o.said()));
        }, e -> done.accept(new Outcome(target, List.of(), List.of("Nothing was moved: " + e.getMessage()), List.of())));
    }
}
