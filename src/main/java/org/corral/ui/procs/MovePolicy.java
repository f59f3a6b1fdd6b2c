package org.corral.ui.procs;

import java.util.Optional;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.proc.ProcessInfo;
import org.corral.systemd.CgroupOperation;
import org.corral.ui.owner.Advice;
import org.corral.ui.owner.WriteAdvisor;

/**
 * Moves the kernel would refuse, or that would fight systemd, found before trying, each with
 * the sentence the person sees. What systemd allows is the {@link org.corral.systemd.WritePolicy}'s
 * move decision (the same the CLI and the backend follow); this adds what the kernel refuses.
 * The kernel still has the last word: a move this lets through may be refused, and the
 * writer's message is shown then.
 */
public final class MovePolicy {
    private final WriteAdvisor advisor;

    public MovePolicy(WriteAdvisor advisor) {
        this.advisor = advisor;
    }

    /** What a move into {@code target} will do, by the write policy (raw, through systemd, refused). */
    public Advice advice(CgroupRef target) {
        return advisor.of(target, CgroupOperation.MOVE);
    }

    /**
     * A target typed as a path of hierarchy {@code h} ("Move to…"): the policy's advice, or a
     * refusal saying why the path is not one.
     */
    public Advice advice(org.corral.cgroup.Hierarchy h, String typed) {
        if (typed == null || typed.isBlank()) {
            return new Advice(org.corral.systemd.Decision.Action.REFUSE, "Type the path of a cgroup, e.g. /a/b.");
        }
        try {
            return advice(new CgroupRef(h, org.corral.cgroup.CgroupPath.parse(typed.strip())));
        } catch (org.corral.cgroup.InvalidValueException e) {
            return new Advice(org.corral.systemd.Decision.Action.REFUSE, e.getMessage());
        }
    }

    /**
     * @param target      where the process would go
     * @param targetStats the target's last read (for the no-internal-process rule), may be null
     * @return why not, or empty if the move may be tried
     */
    public Optional<String> refusal(ProcessInfo p, CgroupRef target, CgroupStats targetStats) {
        String who = "Process " + p.pid() + " (" + p.comm() + ")";
        if (p.kernelThread()) {
            return Optional.of(who + " is a kernel thread; the kernel keeps those in the root cgroup, so it cannot be moved.");
        }
        if (target.hierarchy().isV2() && !target.path().isRoot() && targetStats != null
                && targetStats.subtreeControl() != null && !targetStats.subtreeControl().isEmpty()) {
            return Optional.of(who + " cannot go into " + target + ": it hands controllers ("
                    + String.join(" ", targetStats.subtreeControl()) + ") to its children, and cgroup v2's "
                    + "no-internal-process rule keeps processes out of such a cgroup; drop it on a child cgroup instead.");
        }
        Advice systemd = advice(target);
        if (systemd.refused()) return Optional.of(who + " was not moved: " + systemd.sentence());
        return Optional.empty();
    }
}
