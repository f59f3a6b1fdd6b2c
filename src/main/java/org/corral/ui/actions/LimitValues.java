package org.corral.ui.actions;

import java.util.stream.Collectors;
import org.corral.cgroup.CgroupStats;
import org.corral.cgroup.LimitKey;

/**
 * A limit's current value, read from {@link CgroupStats}, written as a person would type it
 * ("64M", "max", "50%", "0-3"), so it can be put back in an editor or used to undo a change.
 */
public final class LimitValues {
    private LimitValues() {}

    /** The value in the editor's form, or null when this cgroup has no such file. */
    public static String current(CgroupStats s, LimitKey key) {
        if (s == null) return null;
        CgroupStats.Memory m = s.memory();
        CgroupStats.Cpu c = s.cpu();
        CgroupStats.Cpuset cs = s.cpuset();
        return switch (key) {
            case MEMORY_MIN -> m == null || m.min() == null ? null : m.min().toString();
            case MEMORY_LOW -> m == null ? null : m.low() != null ? m.low().toString()
                    : m.softLimit() != null ? m.softLimit().toString() : null;
            case MEMORY_HIGH -> m == null || m.high() == null ? null : m.high().toString();
            case MEMORY_MAX -> m == null || m.max() == null ? null : m.max().toString();
            case MEMORY_SWAP_MAX -> m == null || m.swapMax() == null ? null : m.swapMax().toString();
            case CPU_MAX -> c == null || c.max() == null ? null : c.max().toString();
            case CPU_WEIGHT -> c == null || c.weight() == null ? null : c.weight().toString();
            case CPUSET_CPUS -> cs == null || cs.cpus() == null ? null : cs.cpus().toString();
            case CPUSET_MEMS -> cs == null || cs.mems() == null ? null : cs.mems().toString();
            case PIDS_MAX -> s.pids() == null || s.pids().max() == null ? null : s.pids().max().toString();
            case IO_MAX -> s.io() == null ? null : s.io().max().stream().map(d -> d.kernelValue())
                    .collect(Collectors.joining("; "));
        };
    }

    /** What the kernel file holds, exactly (bytes, not "64M"), or null. */
    public static String kernel(CgroupStats s, LimitKey key) {
        if (s == null) return null;
        CgroupStats.Memory m = s.memory();
        return switch (key) {
            case MEMORY_MAX -> m == null || m.max() == null ? null : m.max().kernelValue();
            case MEMORY_HIGH -> m == null || m.high() == null ? null : m.high().kernelValue();
            case MEMORY_MIN -> m == null || m.min() == null ? null : m.min().kernelValue();
            case MEMORY_LOW -> m == null ? null : m.low() != null ? m.low().kernelValue()
                    : m.softLimit() != null ? m.softLimit().kernelValue() : null;
            case MEMORY_SWAP_MAX -> m == null || m.swapMax() == null ? null : m.swapMax().kernelValue();
            case CPU_MAX -> s.cpu() == null || s.cpu().max() == null ? null : s.cpu().max().kernelValue();
            case CPU_WEIGHT -> s.cpu() == null ? null : s.cpu().sharesV1() != null
                    ? "cpu.shares " + s.cpu().sharesV1() : s.cpu().weight() == null ? null : s.cpu().weight().toString();
            default -> current(s, key);
        };
    }
}
