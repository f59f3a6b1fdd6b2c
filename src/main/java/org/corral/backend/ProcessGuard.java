package org.corral.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import org.corral.cgroup.CgroupRef;
import org.corral.proc.ProcCgroupEntry;
import org.corral.proc.ProcCgroupFile;
import org.corral.proc.ProcStat;

/**
 * Which processes the backend will not move: PID 1 (and its threads), kernel threads, and the
 * backend itself. Moving init or a kernel thread can wedge the whole machine; moving the
 * backend into a cgroup a caller controls (a frozen one, a tiny memory cap) would let the caller
 * stall or kill the privileged process that serves everyone.
 */
final class ProcessGuard {
    private final Path proc;
    private final long self;

    ProcessGuard(Path proc, long self) {
        this.proc = proc;
        this.self = self;
    }

    /** @throws RefusedException saying why {@code id} (a pid, or a tid) stays where it is */
    void checkMovable(int id) {
        if (id == 1 || Files.exists(proc.resolve("1/task/" + id), LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("process " + id + " is " + (id == 1 ? "" : "a thread of ") + "PID 1, the init process; "
                    + "Corral never moves it");
        }
        if (id == self || Files.exists(proc.resolve(self + "/task/" + id), LinkOption.NOFOLLOW_LINKS)) {
            throw new RefusedException("process " + id + " is the Corral backend itself; it stays where it is");
        }
        ProcStat stat;
        try {
            stat = ProcStat.parse(Files.readAllBytes(proc.resolve(id + "/stat")));
        } catch (IOException | IllegalArgumentException e) {
            return; // gone or unreadable: the move itself reports "no process"
        }
        if (stat.isKernelThreadFlag()) {
            throw new RefusedException("process " + id + " (" + stat.comm() + ") is a kernel thread; the kernel keeps those where they are");
        }
    }

    /**
     * Refuses when PID 1 or the backend is in {@code ref} or below: freezing or killing such a
     * cgroup would stop the machine or the backend itself.
     *
     * @param doing what was asked, for the message ("freeze")
     */
    void checkNotInside(CgroupRef ref, String doing) {
        for (long pid : new long[] {1, self}) {
            String content;
            try {
                // decoded leniently: a cgroup name need not be UTF-8, and this check must not be skipped
                content = new String(Files.readAllBytes(proc.resolve(pid + "/cgroup")), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RefusedException("cannot tell whether " + (pid == 1 ? "PID 1" : "the backend") + " runs in " + ref
                        + " (" + e.getMessage() + "); refusing to " + doing + " it");
            }
            for (ProcCgroupEntry e : ProcCgroupFile.parse(content)) {
                boolean sameHierarchy = ref.hierarchy().isV2() ? e.isV2()
                        : !e.isV2() && Set.copyOf(e.controllers()).equals(ref.hierarchy().controllers());
                if (!sameHierarchy) continue;
                // compared by segments, not parsed: the path may hold what CgroupPath refuses
                String p = e.path();
                java.util.List<String> segs = p.equals("/") ? java.util.List.of() : java.util.List.of(p.substring(1).split("/", -1));
                boolean within = segs.size() >= ref.path().depth() && segs.subList(0, ref.path().depth()).equals(ref.path().segments());
                if (within) {
                    throw new RefusedException("refusing to " + doing + " " + ref + ": "
                            + (pid == 1 ? "PID 1, the init process," : "the Corral backend itself") + " runs in it ("
                            + e.path() + ")");
                }
            }
        }
    }
}
