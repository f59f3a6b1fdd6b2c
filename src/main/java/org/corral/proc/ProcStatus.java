package org.corral.proc;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The fields Corral uses from {@code /proc/PID/status}, a "Key:&lt;TAB&gt;value" line per field
 * (proc(5)); this kernel writes, for example:
 *
 * <pre>
 *   Name:	process_api
 *   State:	S (sleeping)
 *   PPid:	0
 *   Uid:	0	0	0	0            real, effective, saved set, filesystem UIDs
 *   VmRSS:	    9888 kB          resident set size = RssAnon + RssFile + RssShmem; "kB" means KiB
 *   Threads:	11
 * </pre>
 *
 * Kernel threads and zombies have no address space and no {@code Vm*} lines; their
 * {@link #vmRssBytes()} is 0. A field missing from the file is empty, never an error. Lines
 * are scanned by hand (no regex): this is read once per process in a full scan.
 *
 * @param realUid      first {@code Uid:} column
 * @param effectiveUid second {@code Uid:} column; the one {@code ps} shows as USER
 * @param threads      {@code Threads:}
 * @param vmRssBytes   {@code VmRSS:} in bytes (the kernel's kB times 1024); 0 when the process
 *                     has no memory map (kernel thread, zombie); empty if the file had no
 *                     {@code VmRSS:} and no {@code Name:} either (not a status file)
 */
public record ProcStatus(OptionalInt realUid, OptionalInt effectiveUid, OptionalInt threads,
                         OptionalLong vmRssBytes) {

    public static ProcStatus parse(byte[] b) {
        OptionalInt real = OptionalInt.empty(), effective = OptionalInt.empty(), threads = OptionalInt.empty();
        OptionalLong rss = OptionalLong.empty();
        boolean sawName = false;
        int i = 0, n = b.length;
        while (i < n) {
            int lineEnd = i;
            while (lineEnd < n && b[lineEnd] != '\n') lineEnd++;
            int colon = i;
            while (colon < lineEnd && b[colon] != ':') colon++;
            if (colon < lineEnd) {
                int v = colon + 1;
                if (keyIs(b, i, colon, "Uid")) {
                    long[] cols = numbers(b, v, lineEnd, 2);
                    if (cols[0] >= 0) real = OptionalInt.of((int) cols[0]);
                    if (cols[1] >= 0) effective = OptionalInt.of((int) cols[1]);
                } else if (keyIs(b, i, colon, "Threads")) {
                    long t = numbers(b, v, lineEnd, 1)[0];
                    if (t >= 0) threads = OptionalInt.of((int) t);
                } else if (keyIs(b, i, colon, "VmRSS")) {
                    long kb = numbers(b, v, lineEnd, 1)[0];
                    if (kb >= 0) rss = OptionalLong.of(kb * 1024);
                } else if (keyIs(b, i, colon, "Name")) {
                    sawName = true;
                }
            }
            i = lineEnd + 1;
        }
        if (rss.isEmpty() && sawName) rss = OptionalLong.of(0);
        return new ProcStatus(real, effective, threads, rss);
    }

    private static boolean keyIs(byte[] b, int from, int to, String key) {
        if (to - from != key.length()) return false;
        for (int k = 0; k < key.length(); k++) if (b[from + k] != key.charAt(k)) return false;
        return true;
    }

    /** The first {@code count} whitespace-separated non-negative decimals in [from, to); -1 where missing. */
    private static long[] numbers(byte[] b, int from, int to, int count) {
        long[] out = new long[count];
        java.util.Arrays.fill(out, -1);
        int i = from;
        for (int c = 0; c < count; c++) {
            while (i < to && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i >= to || b[i] < '0' || b[i] > '9') break;
            long v = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') v = v * 10 + (b[i++] - '0');
            out[c] = v;
        }
        return out;
    }
}
