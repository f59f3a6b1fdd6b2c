package org.corral.cgroup;

import java.util.Map;

/**
 * cpu.stat (v2), flat keyed; always present on v2 even without the cpu controller (then only
 * the usage fields):
 * <pre>
 * usage_usec 1234
 * user_usec 1000
 * system_usec 234
 * nr_periods 10
 * nr_throttled 2
 * throttled_usec 5000
 * </pre>
 * On v1, usage comes from cpuacct.usage (nanoseconds) and cpuacct.stat, throttling from the cpu
 * hierarchy's cpu.stat (nr_periods, nr_throttled, throttled_time in ns).
 */
public record CpuStat(long usageUsec, long userUsec, long systemUsec,
                      long nrPeriods, long nrThrottled, long throttledUsec) {

    public static CpuStat parse(String text) {
        Map<String, Long> m = KeyedFile.parse(text);
        return new CpuStat(m.getOrDefault("usage_usec", 0L), m.getOrDefault("user_usec", 0L),
                m.getOrDefault("system_usec", 0L), m.getOrDefault("nr_periods", 0L),
                m.getOrDefault("nr_throttled", 0L), m.getOrDefault("throttled_usec", 0L));
    }

    /**
     * v1: cpuacct.usage (ns), cpuacct.stat ("user N\nsystem N" in USER_HZ ticks) and the cpu
     * hierarchy's cpu.stat ("nr_periods N\nnr_throttled N\nthrottled_time NS"). Any may be null.
     */
    public static CpuStat fromV1(String cpuacctUsage, String cpuacctStat, String cpuStat, long userHz) {
        long usageNs = cpuacctUsage == null ? 0 : Long.parseLong(cpuacctUsage.strip());
        Map<String, Long> acct = cpuacctStat == null ? Map.of() : KeyedFile.parse(cpuacctStat);
        Map<String, Long> thr = cpuStat == null ? Map.of() : KeyedFile.parse(cpuStat);
        long tick = 1_000_000L / userHz;
        return new CpuStat(usageNs / 1000, acct.getOrDefault("user", 0L) * tick,
                acct.getOrDefault("system", 0L) * tick, thr.getOrDefault("nr_periods", 0L),
                thr.getOrDefault("nr_throttled", 0L), thr.getOrDefault("throttled_time", 0L) / 1000);
    }
}
