package org.corral.ui.charts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.corral.cgroup.CgroupReader;
import org.corral.cgroup.CgroupRef;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.Hierarchies;
import org.corral.cgroup.Hierarchy;
import org.corral.cgroup.Pressure;
import org.corral.ui.RateMeter;

/**
 * Reads the charted cgroups, on a sampler thread. On a hybrid or v1 host a cgroup's memory and
 * CPU live in different hierarchies: what the selected hierarchy lacks is read from the same
 * path in the hierarchy that has it, if that cgroup exists there (Corral creates its cgroups in
 * each).
 */
public final class MetricsReader {
    private final Hierarchies hierarchies;
    private final CgroupReader reader = new CgroupReader();
    private final RateMeter<CgroupRef> cpu = new RateMeter<>();
    private final RateMeter<CgroupRef> throttled = new RateMeter<>();
    private final Clock clock;

    public MetricsReader(Hierarchies hierarchies) {
        this(hierarchies, Clock.systemDefaultZone());
    }

    MetricsReader(Hierarchies hierarchies, Clock clock) {
        this.hierarchies = hierarchies;
        this.clock = clock;
    }

    public synchronized List<MetricSample> read(List<CgroupRef> refs) {
        List<MetricSample> out = new ArrayList<>();
        long now = System.nanoTime();
        for (CgroupRef ref : refs) {
            Optional<CgroupStats> main = reader.read(ref);
            if (main.isEmpty()) continue;
            CgroupStats s = main.get();
            CgroupStats.Memory mem = s.memory() != null ? s.memory() : companion(ref, "memory").map(CgroupStats::memory).orElse(null);
            // usage from cpuacct (or v2's cpu.stat), throttling from the cpu controller's cpu.stat:
            // on a v1 host these may be three different hierarchies
            boolean ownUsage = s.cpu() != null && s.cpu().stat() != null && (ref.hierarchy().isV2() || ref.hierarchy().has("cpuacct"));
            boolean ownThrottle = s.cpu() != null && s.cpu().stat() != null && (ref.hierarchy().isV2() || ref.hierarchy().has("cpu"));
            CgroupStats.Cpu usageFrom = ownUsage ? s.cpu() : companion(ref, "cpuacct").map(CgroupStats::cpu).orElse(null);
            CgroupStats.Cpu throttleFrom = ownThrottle ? s.cpu() : companion(ref, "cpu").map(CgroupStats::cpu).orElse(null);
            Double cpuPct = null;
            Double thrPct = null;
            if (usageFrom != null && usageFrom.stat() != null) cpuPct = cpu.percent(ref, usageFrom.stat().usageUsec(), now, 1e6);
            if (throttleFrom != null && throttleFrom.stat() != null) {
                thrPct = throttled.percent(ref, throttleFrom.stat().throttledUsec(), now, 1e6);
            }
            CgroupStats.Pressures p = s.pressure();
            boolean hostPsi = false;
            if (p == null) {
                p = hostPressure();
                hostPsi = p != null;
            }
            out.add(new MetricSample(ref, clock.instant(),
                    mem == null ? null : mem.current(), mem == null ? null : mem.high(), mem == null ? null : mem.max(),
                    cpuPct, thrPct,
                    p == null || p.cpu() == null ? null : p.cpu().some().avg10(),
                    p == null || p.memory() == null ? null : p.memory().some().avg10(),
                    p == null || p.io() == null ? null : p.io().some().avg10(),
                    mem == null || mem.events() == null ? null : mem.events().oomKill(),
                    mem == null || mem.events() == null ? null : mem.events().max(), hostPsi));
        }
        cpu.retain(new java.util.HashSet<>(refs));
        throttled.retain(new java.util.HashSet<>(refs));
        return out;
    }

    /** /proc/pressure/{cpu,memory,io} (Linux 4.20+ with PSI on), or null. */
    private CgroupStats.Pressures hostPressure() {
        Pressure cpuP = pressure("cpu");
        Pressure memP = pressure("memory");
        Pressure ioP = pressure("io");
        return cpuP == null && memP == null && ioP == null ? null : new CgroupStats.Pressures(cpuP, memP, ioP);
    }

    private Pressure pressure(String kind) {
        try {
            return Pressure.parse(java.nio.file.Files.readString(hierarchies.root().resolve("/proc/pressure/" + kind)));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private final Map<String, Optional<Hierarchy>> byController = new HashMap<>();

    /** The same cgroup path in the hierarchy holding {@code controller}, if it is another one and the cgroup exists. */
    private Optional<CgroupStats> companion(CgroupRef ref, String controller) {
        Optional<Hierarchy> h = byController.computeIfAbsent(controller, hierarchies::forController);
        if (h.isEmpty() || h.get().equals(ref.hierarchy())) return Optional.empty();
        return reader.read(h.get(), ref.path());
    }
}
