package org.corral.cgroup;

import java.util.OptionalLong;

/**
 * CPU bandwidth limit. cgroup-v2 cpu.max, one line:
 * <pre>$MAX $PERIOD</pre>
 * "max 100000" means no limit; "50000 100000" allows 50 ms of CPU every 100 ms (half a CPU).
 * On v1 the same pair lives in cpu.cfs_quota_us (-1 = no limit) and cpu.cfs_period_us.
 */
public record CpuMax(OptionalLong quotaUsec, long periodUsec) {
    public static final long DEFAULT_PERIOD_USEC = 100_000;

    public CpuMax {
        if (periodUsec < 1000 || periodUsec > 1_000_000) {
            throw new InvalidValueException("cpu.max: period " + periodUsec
                    + " us is out of range; the kernel accepts 1000 to 1000000 us");
        }
        if (quotaUsec.isPresent() && quotaUsec.getAsLong() < 1000) {
            throw new InvalidValueException("cpu.max: quota " + quotaUsec.getAsLong()
                    + " us is too small; the kernel needs at least 1000 us");
        }
    }

    public static CpuMax unlimited(long periodUsec) {
        return new CpuMax(OptionalLong.empty(), periodUsec);
    }

    public static CpuMax of(long quotaUsec, long periodUsec) {
        return new CpuMax(OptionalLong.of(quotaUsec), periodUsec);
    }

    public boolean isMax() {
        return quotaUsec.isEmpty();
    }

    /** The limit as a number of CPUs (0.5 = half a CPU), or empty when unlimited. */
    public java.util.OptionalDouble cpus() {
        return isMax() ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((double) quotaUsec.getAsLong() / periodUsec);
    }

    /**
     * Parses the kernel's file or a person's text: "max", "max 100000", "50000 100000",
     * "50000/100000", "50000" (default period), or a percentage of one CPU: "50%", "150%".
     */
    public static CpuMax parse(String text) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split("[\\s/]+");
        try {
            if (t.endsWith("%") && parts.length == 1) {
                double pct = Double.parseDouble(t.substring(0, t.length() - 1));
                if (pct <= 0) throw new NumberFormatException();
                return of(Math.round(pct / 100.0 * DEFAULT_PERIOD_USEC), DEFAULT_PERIOD_USEC);
            }
            if (parts.length < 1 || parts.length > 2 || parts[0].isEmpty()) throw new NumberFormatException();
            long period = parts.length == 2 ? Long.parseLong(parts[1]) : DEFAULT_PERIOD_USEC;
            if (parts[0].equals("max")) return unlimited(period);
            return of(Long.parseLong(parts[0]), period);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("cpu.max: '" + text
                    + "' is not a CPU limit; use e.g. 50% (half a CPU), 200% (two CPUs), 50000 100000, or max");
        }
    }

    /** v1: cpu.cfs_quota_us (-1 = none) and cpu.cfs_period_us. */
    public static CpuMax fromV1(String quotaText, String periodText) {
        long quota = Long.parseLong(quotaText.strip());
        long period = Long.parseLong(periodText.strip());
        return quota < 0 ? unlimited(period) : of(quota, period);
    }

    /** The line written to cpu.max. */
    public String kernelValue() {
        return (isMax() ? "max" : Long.toString(quotaUsec.getAsLong())) + " " + periodUsec;
    }

    public String quotaV1() {
        return isMax() ? "-1" : Long.toString(quotaUsec.getAsLong());
    }

    @Override
    public String toString() {
        return kernelValue();
    }
}
