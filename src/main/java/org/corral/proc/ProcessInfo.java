package org.corral.proc;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One process as {@link ProcessScanner} read it. Collections are empty and Optionals empty
 * where the kernel would not tell (permission) or the process has none; nothing is null.
 *
 * @param pid          process ID (in the PID namespace of the /proc that was read)
 * @param ppid         parent's PID; 0 for PID 1 and kthreadd
 * @param uid          effective UID ({@code Uid:} column 2 of status), the one {@code ps} shows
 * @param user         {@code uid}'s name from /etc/passwd under the host root, or the number
 * @param comm         the command name (truncated to 15 bytes for user processes; may contain
 *                     spaces and parentheses)
 * @param cmdline      argv; empty for kernel threads and zombies
 * @param state        from the stat state letter
 * @param rssBytes     resident set size in bytes ({@code VmRSS:}); 0 for kernel threads and
 *                     zombies; empty if status could not be read
 * @param threads      number of threads ({@code num_threads} of stat)
 * @param kernelThread PF_KTHREAD set in the stat flags, or the process is kthreadd (PID 2) or
 *                     its child
 * @param startTicks   {@code starttime} of stat: clock ticks after boot; with {@code pid}
 *                     identifies the process across PID reuse
 * @param cpuTicks     {@code utime + stime} of stat: CPU time used so far, in clock ticks
 *                     (USER_HZ); two readings a known time apart give its CPU %
 * @param cgroups      the lines of /proc/PID/cgroup, one per hierarchy, in file order
 * @param namespaces   the readable links of /proc/PID/ns
 */
public record ProcessInfo(int pid, int ppid, OptionalInt uid, Optional<String> user, String comm,
                          List<String> cmdline, ProcState state, OptionalLong rssBytes, int threads,
                          boolean kernelThread, long startTicks, long cpuTicks, List<ProcCgroupEntry> cgroups,
                          ProcNamespaces namespaces) {

    public ProcessInfo {
        cmdline = List.copyOf(cmdline);
        cgroups = List.copyOf(cgroups);
        if (comm == null || state == null || namespaces == null || uid == null || user == null || rssBytes == null) {
            throw new IllegalArgumentException("null field in ProcessInfo for pid " + pid);
        }
    }

    /**
     * The command as {@code lsns} shows it: the arguments joined by spaces, or the
     * {@link #comm()} when there are none (kernel threads, zombies).
     */
    public String command() {
        return cmdline.isEmpty() ? comm : String.join(" ", cmdline);
    }

    /** The cgroup v2 entry ({@code 0::/path}), if the kernel has the v2 hierarchy. */
    public Optional<ProcCgroupEntry> v2Cgroup() {
        for (ProcCgroupEntry e : cgroups) if (e.isV2()) return Optional.of(e);
        return Optional.empty();
    }

    /** The v1 entry of the hierarchy with {@code controller} ({@code "memory"}, {@code "name=systemd"}). */
    public Optional<ProcCgroupEntry> v1Cgroup(String controller) {
        for (ProcCgroupEntry e : cgroups) if (!e.isV2() && e.hasController(controller)) return Optional.of(e);
        return Optional.empty();
    }

    /**
     * The one cgroup to show for this process, chosen where its memory is accounted and
     * limited: the v1 memory hierarchy's entry when the memory controller is on v1 (a v1 or
     * hybrid host, as this project's CI host, where every v2 path is "/"), otherwise the v2
     * entry (a pure v2 host, or a hybrid one with memory on v2), otherwise the first entry.
     * Show it with {@link ProcCgroupEntry#notation()}, which {@code --cgroup} accepts back.
     */
    public Optional<ProcCgroupEntry> mainCgroup() {
        Optional<ProcCgroupEntry> memory = v1Cgroup("memory");
        if (memory.isPresent()) return memory;
        Optional<ProcCgroupEntry> v2 = v2Cgroup();
        if (v2.isPresent()) return v2;
        return cgroups.isEmpty() ? Optional.empty() : Optional.of(cgroups.get(0));
    }

    /** Whether one of its cgroup entries matches {@code matcher}. */
    public boolean isIn(ProcCgroupMatcher matcher) {
        return matcher.matchesAny(cgroups);
    }
}
