package org.corral.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.corral.cgroup.CgroupNode;
import org.corral.cgroup.CgroupPath;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.CgroupVersion;
import org.corral.cgroup.CpuStat;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.MemoryEvents;
import org.corral.cgroup.MemoryLimit;
import org.corral.proc.NamespaceId;
import org.corral.proc.NsType;
import org.corral.proc.ProcCgroupEntry;
import org.corral.proc.ProcNamespaces;
import org.corral.proc.ProcState;
import org.corral.proc.ProcessInfo;

/** Small hand-made values for view model tests (no kernel, no FX toolkit). */
public final class UiFixtures {
    private UiFixtures() {}

    public static Hierarchy v1Memory() {
        return new Hierarchy(CgroupVersion.V1, "/sys/fs/cgroup/memory", "/", Set.of("memory"), Path.of("/nonexistent/memory"));
    }

    public static Hierarchy v2(Set<String> controllers) {
        return new Hierarchy(CgroupVersion.V2, "/sys/fs/cgroup", "/", controllers, Path.of("/nonexistent/v2"));
    }

    /** A v1 memory cgroup's stats. */
    public static CgroupStats memStats(String path, int procs, long current, MemoryLimit max, long oomKills) {
        CgroupStats.Memory m = new CgroupStats.Memory(current, null, null, new MemoryEvents(0, 0, 0, oomKills, oomKills),
                null, null, null, max, null, null, MemoryLimit.max(), 0L, 0L, null);
        return new CgroupStats(CgroupPath.parse(path), CgroupVersion.V1, null, null, null, procs, procs, null,
                null, null, false, null, m, null, null, null, null, null);
    }

    /** A v2 cgroup's stats with cpu usage and the given controllers. */
    public static CgroupStats v2Stats(String path, long usageUsec, Set<String> controllers, Set<String> subtree) {
        return new CgroupStats(CgroupPath.parse(path), CgroupVersion.V2, controllers, subtree, "domain", 1, 1, true,
                false, null, null, null, null, new CgroupStats.Cpu(new CpuStat(usageUsec, 0, 0, 0, 0, 0), null, null, null),
                null, null, null, null);
    }

    /** A tree from "path → stats"; paths must include every ancestor. */
    public static CgroupNode tree(Map<String, CgroupStats> byPath) {
        return node(CgroupPath.ROOT, byPath);
    }

    private static CgroupNode node(CgroupPath p, Map<String, CgroupStats> byPath) {
        List<String> kids = new ArrayList<>();
        for (String k : byPath.keySet()) {
            CgroupPath kp = CgroupPath.parse(k);
            if (!kp.isRoot() && kp.parent().equals(p)) kids.add(k);
        }
        kids.sort(null);
        List<CgroupNode> nodes = new ArrayList<>();
        for (String k : kids) nodes.add(node(CgroupPath.parse(k), byPath));
        return new CgroupNode(byPath.get(p.toString()), nodes);
    }

    public static ProcessInfo process(int pid, String comm, String memoryCgroup, boolean kernelThread, long cpuTicks) {
        return new ProcessInfo(pid, 1, OptionalInt.of(0), java.util.Optional.of("root"), comm, kernelThread ? List.of() : List.of(comm, "--x"),
                ProcState.of('S'), OptionalLong.of(4096L * pid), 1, kernelThread, 1000L + pid, cpuTicks,
                List.of(new ProcCgroupEntry(4, List.of("memory"), memoryCgroup), new ProcCgroupEntry(0, List.of(), "/")),
                ProcNamespaces.of(Map.of("uts", new NamespaceId(NsType.UTS, 4026531838L))));
    }
}
