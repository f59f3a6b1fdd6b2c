package org.corral.systemd;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.corral.cgroup.ByteSize;
import org.corral.cgroup.CpuList;
import org.corral.cgroup.LimitKey;

/**
 * Corral's limits (cgroup-v2 file names, {@link LimitKey}) as systemd unit properties
 * (systemd.resource-control(5)), so a limit on a systemd-owned cgroup is set through
 * SetUnitProperties instead of a raw write systemd would revert.
 */
public final class LimitProperties {
    private LimitProperties() {}

    /**
     * The properties that set {@code key} to {@code kernelValue} (what {@link LimitKey#normalize}
     * returns, e.g. "67108864", "max", "50000 100000", "0-3"), or empty when systemd has no
     * property for it (io.max needs device paths: IOReadBandwidthMax= and friends).
     */
    public static Optional<List<UnitSetting>> of(LimitKey key, String kernelValue) {
        String v = kernelValue.strip();
        return Optional.ofNullable(switch (key) {
            case MEMORY_MIN -> List.of(size("MemoryMin", v));
            case MEMORY_LOW -> List.of(size("MemoryLow", v));
            case MEMORY_HIGH -> List.of(size("MemoryHigh", v));
            case MEMORY_MAX -> List.of(size("MemoryMax", v));
            case MEMORY_SWAP_MAX -> List.of(size("MemorySwapMax", v));
            case CPU_WEIGHT -> List.of(UnitSetting.uint64("CPUWeight", Long.parseLong(v)));
            case PIDS_MAX -> List.of(count("TasksMax", v));
            case CPU_MAX -> cpuQuota(v);
            case CPUSET_CPUS -> List.of(mask("AllowedCPUs", v));
            case CPUSET_MEMS -> List.of(mask("AllowedMemoryNodes", v));
            case IO_MAX -> null;
        });
    }

    /** The systemd property names for {@code key}, for messages ("MemoryMax"); empty if none. */
    public static List<String> names(LimitKey key) {
        return switch (key) {
            case MEMORY_MIN -> List.of("MemoryMin");
            case MEMORY_LOW -> List.of("MemoryLow");
            case MEMORY_HIGH -> List.of("MemoryHigh");
            case MEMORY_MAX -> List.of("MemoryMax");
            case MEMORY_SWAP_MAX -> List.of("MemorySwapMax");
            case CPU_WEIGHT -> List.of("CPUWeight");
            case PIDS_MAX -> List.of("TasksMax");
            case CPU_MAX -> List.of("CPUQuota");
            case CPUSET_CPUS -> List.of("AllowedCPUs");
            case CPUSET_MEMS -> List.of("AllowedMemoryNodes");
            case IO_MAX -> List.of();
        };
    }

    /** The cgroup-v2 file a property of {@link #of} ends up in ("MemoryMax": memory.max); empty for others. */
    public static Optional<String> fileOf(String property) {
        return Optional.ofNullable(switch (property) {
            case "MemoryMin" -> "memory.min";
            case "MemoryLow" -> "memory.low";
            case "MemoryHigh" -> "memory.high";
            case "MemoryMax" -> "memory.max";
            case "MemorySwapMax" -> "memory.swap.max";
            case "CPUWeight" -> "cpu.weight";
            case "TasksMax" -> "pids.max";
            case "CPUQuotaPerSecUSec", "CPUQuotaPeriodUSec" -> "cpu.max";
            case "AllowedCPUs" -> "cpuset.cpus";
            case "AllowedMemoryNodes" -> "cpuset.mems";
            default -> null;
        });
    }

    private static UnitSetting size(String name, String v) {
        if (v.equals("max")) return UnitSetting.uint64(name, UnitSetting.INFINITY, "infinity");
        long bytes = Long.parseLong(v);
        return UnitSetting.uint64(name, BigInteger.valueOf(bytes), ByteSize.format(bytes));
    }

    private static UnitSetting count(String name, String v) {
        if (v.equals("max")) return UnitSetting.uint64(name, UnitSetting.INFINITY, "infinity");
        return UnitSetting.uint64(name, Long.parseLong(v));
    }

    /**
     * cpu.max "QUOTA PERIOD" (µs) as CPUQuotaPerSecUSec (quota per second of wall time: 50% of a
     * CPU is 500000) and CPUQuotaPeriodUSec; "max PERIOD" as infinity.
     */
    private static List<UnitSetting> cpuQuota(String v) {
        String[] f = v.split("\\s+");
        long period = f.length > 1 ? Long.parseLong(f[1]) : 100_000;
        UnitSetting periodSetting = UnitSetting.uint64("CPUQuotaPeriodUSec", BigInteger.valueOf(period), period + "us");
        if (f[0].equals("max")) {
            return List.of(UnitSetting.uint64("CPUQuotaPerSecUSec", UnitSetting.INFINITY, "infinity"), periodSetting);
        }
        long quota = Long.parseLong(f[0]);
        BigInteger perSec = BigInteger.valueOf(quota).multiply(BigInteger.valueOf(1_000_000)).divide(BigInteger.valueOf(period));
        String percent = perSec.divide(BigInteger.valueOf(10_000)) + "%";
        return List.of(UnitSetting.uint64("CPUQuotaPerSecUSec", perSec, percent), periodSetting);
    }

    /** A CPU or node list ("0-3,6") as systemd's bitmask bytes: bit n of byte n/8 is CPU n. */
    static UnitSetting mask(String name, String list) {
        BitSet bits = new BitSet();
        for (int cpu : CpuList.parse(list).toArray()) bits.set(cpu);
        byte[] bytes = new byte[(bits.length() + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) bytes[i / 8] |= (byte) (1 << (i % 8));
        return UnitSetting.bytes(name, bytes, list);
    }
}
