package org.corral.cgroup;

/**
 * CPU weight, v2 cpu.weight: 1 to 10000, default 100. v1's cpu.shares (2 to 262144, default
 * 1024) is converted proportionally around the two defaults: shares = weight × 1024 / 100.
 */
public record CpuWeight(int value) {
    public static final CpuWeight DEFAULT = new CpuWeight(100);

    public CpuWeight {
        if (value < 1 || value > 10_000) {
            throw new InvalidValueException("cpu.weight: " + value + " is out of range; use 1 to 10000 (default 100)");
        }
    }

    public static CpuWeight parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9]{1,6}")) {
            throw new InvalidValueException("cpu.weight: '" + text + "' is not a weight; use 1 to 10000 (default 100)");
        }
        return new CpuWeight(Integer.parseInt(t));
    }

    /** v1 cpu.shares → weight. */
    public static CpuWeight fromShares(long shares) {
        long w = Math.round(shares * 100.0 / 1024);
        return new CpuWeight((int) Math.max(1, Math.min(10_000, w)));
    }

    /** weight → v1 cpu.shares (100 → 1024). */
    public long toShares() {
        return Math.max(2, Math.min(262_144, (long) value * 1024 / 100));
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
