package org.corral.ui.procs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.proc.ProcessInfo;

/**
 * Moves the kernel would refuse, or that would break someone else's bookkeeping, found before
 * trying, each with the sentence the person sees. The kernel still has the last word: a move
 * this lets through may be refused, and the writer's message is shown then.
 */
public final class MovePolicy {
    private final boolean systemdHost;

    public MovePolicy(boolean systemdHost) {
        this.systemdHost = systemdHost;
    }

    /** systemd is PID 1 when /run/systemd/system exists (sd_booted(3)). */
    public static MovePolicy forHost() {
        return new MovePolicy(Files.isDirectory(Path.of("/run/systemd/system")));
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
        if (systemdHost && systemdOwned(target)) {
            return Optional.of(who + " was not moved: systemd owns " + target + " (a .slice, .service or .scope) and "
                    + "would not know about a process moved there behind its back; launch it with Corral into its own cgroup instead.");
        }
        return Optional.empty();
    }

    static boolean systemdOwned(CgroupRef target) {
        for (String s : target.path().segments()) {
            for (String suffix : Set.of(".slice", ".service", ".scope")) if (s.endsWith(suffix)) return true;
        }
        return false;
    }
}
