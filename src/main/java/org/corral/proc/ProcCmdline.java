package org.corral.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/cmdline}: the process's argv, each argument terminated by a NUL byte
 * (proc(5)): {@code "sleep\0" "600\0"}. Empty for kernel threads and zombies. A process that
 * overwrote its argv area (setproctitle) may leave one string without a final NUL, or with
 * spaces in it; it is returned as it is.
 */
public final class ProcCmdline {
    private ProcCmdline() {}

    /** The arguments, decoded as UTF-8 (invalid bytes become U+FFFD); empty list for an empty file. */
    public static List<String> parse(byte[] b) {
        int n = b.length;
        if (n == 0) return List.of();
        List<String> args = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                args.add(new String(b, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < n) args.add(new String(b, start, n - start, StandardCharsets.UTF_8));
        return List.copyOf(args);
    }
}
