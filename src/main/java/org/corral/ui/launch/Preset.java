package org.corral.ui.launch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.corral.cgroup.LimitKey;
import org.corral.proc.NsType;

/** A profile the launch dialog fills in with one pick: limits and namespaces that go together. */
public record Preset(String name, String description, Map<LimitKey, String> limits, Set<NsType> namespaces) {

    public static List<Preset> all() {
        return List.of(
                new Preset("Custom", "Set everything yourself.", Map.of(), Set.of()),
                new Preset("Browser", "A web browser that cannot eat the machine: 2 GiB, two CPUs.",
                        Map.of(LimitKey.MEMORY_MAX, "2G", LimitKey.CPU_MAX, "200%"), Set.of()),
                new Preset("Build job", "A compile in the background: 4 GiB, one and a half CPUs, at most 512 tasks.",
                        Map.of(LimitKey.MEMORY_MAX, "4G", LimitKey.CPU_MAX, "150%", LimitKey.PIDS_MAX, "512"), Set.of()),
                new Preset("Untrusted tool", "Own hostname, PIDs, IPC and mounts, no network; 512 MiB, half a CPU.",
                        Map.of(LimitKey.MEMORY_MAX, "512M", LimitKey.CPU_MAX, "50%", LimitKey.PIDS_MAX, "128"),
                        Set.of(NsType.MNT, NsType.UTS, NsType.IPC, NsType.PID, NsType.NET)),
                new Preset("Demo box", "For a talk: every namespace and a hostname of its own; 256 MiB.",
                        Map.of(LimitKey.MEMORY_MAX, "256M", LimitKey.PIDS_MAX, "64"),
                        Set.of(NsType.MNT, NsType.UTS, NsType.IPC, NsType.PID, NsType.NET, NsType.USER)));
    }

    @Override public String toString() {
        return name;
    }
}
