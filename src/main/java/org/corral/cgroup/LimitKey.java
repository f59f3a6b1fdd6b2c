package org.corral.cgroup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The closed set of limits Corral sets, by their cgroup-v2 file name. Each knows its controller,
 * how to check and normalise a person's value into what the v2 file takes, and which v1 file
 * holds the same limit. Nothing outside this list is ever written as a "limit".
 */
public enum LimitKey {
    MEMORY_MIN("memory.min", "memory", "memory protected from reclaim (hard guarantee)"),
    MEMORY_LOW("memory.low", "memory", "memory protected from reclaim while others have spare (best effort)"),
    MEMORY_HIGH("memory.high", "memory", "throttle and reclaim above this (soft cap)"),
    MEMORY_MAX("memory.max", "memory", "hard cap: the OOM killer acts above this"),
    MEMORY_SWAP_MAX("memory.swap.max", "memory", "swap this cgroup may use"),
    CPU_MAX("cpu.max", "cpu", "CPU time per period: 50% = half a CPU"),
    CPU_WEIGHT("cpu.weight", "cpu", "share of CPU under contention, 1-10000 (default 100)"),
    CPUSET_CPUS("cpuset.cpus", "cpuset", "the CPUs it may run on, e.g. 0-3,6"),
    CPUSET_MEMS("cpuset.mems", "cpuset", "the memory nodes it may use, e.g. 0"),
    PIDS_MAX("pids.max", "pids", "how many processes and threads it may have"),
    IO_MAX("io.max", "io", "per-device bandwidth/IOPS caps, e.g. 8:0 wbps=10M");

    private final String file;
    private final String controller;
    private final String help;

    LimitKey(String file, String controller, String help) {
        this.file = file;
        this.controller = controller;
        this.help = help;
    }

    public String file() {
        return file;
    }

    public String controller() {
        return controller;
    }

    public String help() {
        return help;
    }

    /** The v1 hierarchy's controller name ("io" is "blkio" there). */
    public String controllerV1() {
        return controller.equals("io") ? "blkio" : controller;
    }

    public static Optional<LimitKey> byFile(String name) {
        return Arrays.stream(values()).filter(k -> k.file.equals(name)).findFirst();
    }

    /** @throws InvalidValueException listing the valid keys */
    public static LimitKey parse(String name) {
        return byFile(name == null ? "" : name.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new InvalidValueException("'" + name + "' is not a limit Corral sets; use one of: "
                        + String.join(", ", Arrays.stream(values()).map(LimitKey::file).toList())));
    }

    /**
     * Checks a person's value and returns exactly what the v2 file should receive.
     *
     * @throws InvalidValueException naming the key and value, and what would be valid
     */
    public String normalize(String value) {
        String v = value == null ? "" : value.strip();
        try {
            return switch (this) {
                case MEMORY_MIN, MEMORY_LOW, MEMORY_HIGH, MEMORY_MAX, MEMORY_SWAP_MAX -> MemoryLimit.parse(v).kernelValue();
                case CPU_MAX -> CpuMax.parse(v).kernelValue();
                case CPU_WEIGHT -> CpuWeight.parse(v).toString();
                case CPUSET_CPUS, CPUSET_MEMS -> CpuList.parse(v).toString();
                case PIDS_MAX -> CountLimit.parse(v).kernelValue();
                case IO_MAX -> IoMax.parseLine(v).kernelValue();
            };
        } catch (InvalidValueException e) {
            String msg = e.getMessage();
            throw new InvalidValueException(msg.startsWith(file + ":") ? msg : file + ": " + msg);
        }
    }

    /** The v1 files that hold this limit (in write order), or empty if v1 has no equivalent. */
    public List<String> v1Files() {
        return switch (this) {
            case MEMORY_MAX -> List.of("memory.limit_in_bytes");
            case MEMORY_LOW -> List.of("memory.soft_limit_in_bytes");
            case MEMORY_SWAP_MAX -> List.of("memory.memsw.limit_in_bytes");
            case CPU_MAX -> List.of("cpu.cfs_period_us", "cpu.cfs_quota_us");
            case CPU_WEIGHT -> List.of("cpu.shares");
            case CPUSET_CPUS -> List.of("cpuset.cpus");
            case CPUSET_MEMS -> List.of("cpuset.mems");
            case PIDS_MAX -> List.of("pids.max");
            case IO_MAX -> List.of("blkio.throttle.read_bps_device", "blkio.throttle.write_bps_device",
                    "blkio.throttle.read_iops_device", "blkio.throttle.write_iops_device");
            case MEMORY_MIN, MEMORY_HIGH -> List.of();
        };
    }
}
