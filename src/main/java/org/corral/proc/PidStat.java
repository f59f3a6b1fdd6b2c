package org.corral.proc;

/**
 * The positional fields of {@code /proc/PID/stat}, one constant per field, numbered as in
 * proc(5) (1-based). The file is one line of space-separated fields:
 *
 * <pre>
 *   pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime
 *   stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss rsslim ...
 *
 *   1 (process_api) S 0 0 0 0 -1 4194560 24179 542670 0 629 46 97 2676 416 20 0 11 0 9 ...
 *   8246 (x) S 1 (y) S 8240 8235 2464 0 -1 4194560 248 ...      &lt;- comm is "x) S 1 (y"
 * </pre>
 *
 * {@code comm} is the command name in parentheses (at most 15 bytes for a user process; kernel
 * workqueue threads show longer names on recent kernels: "kworker/R-rcu_gp") and may itself
 * contain spaces and parentheses: a parser must take the text between the first '(' and the
 * LAST ')'.
 * Fields after {@code comm} are numbers, some of them unsigned 64-bit ({@code rsslim} is
 * 18446744073709551615 when unlimited); newer kernels append fields, older ones have fewer.
 *
 * @see ProcStat the parser
 */
public enum PidStat {
    /** (1) %d The process ID. */
    PID(1),
    /** (2) (%s) The filename of the executable, in parentheses; truncated to 15 bytes for user processes; may contain spaces and ')'. */
    COMM(2),
    /** (3) %c Process state: R running, S sleeping, D disk sleep, Z zombie, T stopped, t tracing stop, X dead, I idle... */
    STATE(3),
    /** (4) %d The PID of the parent of this process. */
    PPID(4),
    /** (5) %d The process group ID of the process. */
    PGRP(5),
    /** (6) %d The session ID of the process. */
    SESSION(6),
    /** (7) %d The controlling terminal of the process (minor in bits 31..20 and 7..0, major in 15..8). */
    TTY_NR(7),
    /** (8) %d The ID of the foreground process group of the controlling terminal. */
    TPGID(8),
    /** (9) %u The kernel flags word of the process (PF_* in include/linux/sched.h); PF_KTHREAD is 0x00200000. */
    FLAGS(9),
    /** (10) %lu Minor faults the process has made which have not required loading a memory page from disk. */
    MINFLT(10),
    /** (11) %lu Minor faults that the process's waited-for children have made. */
    CMINFLT(11),
    /** (12) %lu Major faults the process has made which have required loading a memory page from disk. */
    MAJFLT(12),
    /** (13) %lu Major faults that the process's waited-for children have made. */
    CMAJFLT(13),
    /** (14) %lu Time the process has been scheduled in user mode, in clock ticks (sysconf(_SC_CLK_TCK)). */
    UTIME(14),
    /** (15) %lu Time the process has been scheduled in kernel mode, in clock ticks. */
    STIME(15),
    /** (16) %ld Time waited-for children have been scheduled in user mode, in clock ticks. */
    CUTIME(16),
    /** (17) %ld Time waited-for children have been scheduled in kernel mode, in clock ticks. */
    CSTIME(17),
    /** (18) %ld Scheduling priority as the kernel shows it (negated RT priority minus one, or nice + 20). */
    PRIORITY(18),
    /** (19) %ld The nice value, 19 (low priority) to -20 (high priority). */
    NICE(19),
    /** (20) %ld Number of threads in this process. */
    NUM_THREADS(20),
    /** (21) %ld Jiffies before the next SIGALRM; always 0 since Linux 2.6.17. */
    ITREALVALUE(21),
    /** (22) %llu Time the process started after system boot, in clock ticks. */
    STARTTIME(22),
    /** (23) %lu Virtual memory size in bytes. */
    VSIZE(23),
    /** (24) %ld Resident set size: pages the process has in real memory (inaccurate; see status VmRSS). */
    RSS(24),
    /** (25) %lu Current soft limit in bytes on the RSS of the process (unsigned; all ones when unlimited). */
    RSSLIM(25),
    /** (26) %lu Address above which program text can run. */
    STARTCODE(26),
    /** (27) %lu Address below which program text can run. */
    ENDCODE(27),
    /** (28) %lu Address of the start (bottom) of the stack. */
    STARTSTACK(28),
    /** (29) %lu Current value of ESP (stack pointer), 0 unless the process is being core dumped. */
    KSTKESP(29),
    /** (30) %lu Current EIP (instruction pointer), 0 unless the process is being core dumped. */
    KSTKEIP(30),
    /** (31) %lu Bitmap of pending signals, decimal; obsolete, use /proc/PID/status. */
    SIGNAL(31),
    /** (32) %lu Bitmap of blocked signals, decimal; obsolete. */
    BLOCKED(32),
    /** (33) %lu Bitmap of ignored signals, decimal; obsolete. */
    SIGIGNORE(33),
    /** (34) %lu Bitmap of caught signals, decimal; obsolete. */
    SIGCATCH(34),
    /** (35) %lu Formerly the wait channel address; now 0 or 1 (whether the process waits). */
    WCHAN(35),
    /** (36) %lu Pages swapped (not maintained). */
    NSWAP(36),
    /** (37) %lu Cumulative nswap for child processes (not maintained). */
    CNSWAP(37),
    /** (38) %d Signal to be sent to the parent when this process dies (since Linux 2.1.22). */
    EXIT_SIGNAL(38),
    /** (39) %d CPU number last executed on (since Linux 2.2.8). */
    PROCESSOR(39),
    /** (40) %u Real-time scheduling priority, 1 to 99, or 0 for non-real-time (since 2.5.19). */
    RT_PRIORITY(40),
    /** (41) %u Scheduling policy (SCHED_* constants; since 2.5.19). */
    POLICY(41),
    /** (42) %llu Aggregated block I/O delays, in clock ticks (since 2.6.18). */
    DELAYACCT_BLKIO_TICKS(42),
    /** (43) %lu Guest time of the process (running a virtual CPU), in clock ticks (since 2.6.24). */
    GUEST_TIME(43),
    /** (44) %ld Guest time of the process's children, in clock ticks (since 2.6.24). */
    CGUEST_TIME(44),
    /** (45) %lu Address above which initialized and uninitialized (BSS) data are placed (since 3.3). */
    START_DATA(45),
    /** (46) %lu Address below which initialized and uninitialized (BSS) data are placed (since 3.3). */
    END_DATA(46),
    /** (47) %lu Address above which program heap can be expanded with brk (since 3.3). */
    START_BRK(47),
    /** (48) %lu Address above which program command-line arguments (argv) are placed (since 3.5). */
    ARG_START(48),
    /** (49) %lu Address below program command-line arguments (argv) are placed (since 3.5). */
    ARG_END(49),
    /** (50) %lu Address above which program environment is placed (since 3.5). */
    ENV_START(50),
    /** (51) %lu Address below which program environment is placed (since 3.5). */
    ENV_END(51),
    /** (52) %d The thread's exit status in the form reported by waitpid(2) (since 3.5). */
    EXIT_CODE(52);

    /** Bit of {@link #FLAGS}: the task is a kernel thread (include/linux/sched.h). */
    public static final long PF_KTHREAD = 0x00200000L;

    private final int position;

    PidStat(int position) {
        this.position = position;
    }

    /** 1-based position in the file, as numbered in proc(5). */
    public int position() {
        return position;
    }

    /** Whether the field is a number (all but {@link #COMM} and {@link #STATE}). */
    public boolean isNumeric() {
        return this != COMM && this != STATE;
    }
}
