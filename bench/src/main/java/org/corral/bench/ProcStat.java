package org.corral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process from /proc: what the GUI and backend rows report. */
final class ProcStat {
    private ProcStat() {}

    /** Clock ticks per second of /proc/PID/stat's utime and stime: 100 on every Linux the JDK runs on (USER_HZ). */
    static final long TICKS_PER_SECOND = 100;

    /** utime + stime of a process (all its threads), in nanoseconds. */
    static long cpuNanos(long pid) {
        String[] f = fieldsAfterComm(pid);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime: a process and the children it has waited for, in nanoseconds. */
    static long cpuNanosWithChildren(long pid) {
        String[] f = fieldsAfterComm(pid);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** utime + stime of each thread of this process, summed by thread name (comm), in nanoseconds. */
    static java.util.Map<String, Long> threadCpuNanos() {
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ns = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / TICKS_PER_SECOND;
                    by.merge(name, ns, Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task: " + e.getMessage(), e);
        }
        return by;
    }

    /** VmRSS of a process, in bytes. */
    static long rssBytes(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    /** /proc/PID/stat's fields from the 3rd (state) on: f[0] is field 3, so field N is f[N - 3]. */
    private static String[] fieldsAfterComm(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + e.getMessage(), e);
        }
        // the fields after the command name, which is in parentheses and may hold spaces
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
