package org.corral.cli;

import java.util.ArrayList;
import java.util.List;
import org.corral.cgroup.ByteSize;
import org.corral.cgroup.CgroupStats;

/** Short text forms of cgroup values for tables; "-" where the value is not there. */
final class Format {
    private Format() {}

    static String memoryCurrent(CgroupStats s) {
        return s.memory() == null || s.memory().current() == null ? "-" : ByteSize.human(s.memory().current());
    }

    static String memoryMax(CgroupStats s) {
        return s.memory() == null || s.memory().max() == null ? "-" : s.memory().max().toString();
    }

    static String cpuSeconds(CgroupStats s) {
        if (s.cpu() == null || s.cpu().stat() == null) return "-";
        return ByteSize.oneDecimal(s.cpu().stat().usageUsec(), 1_000_000);
    }

    /** {@code s} padded with spaces on the right to {@code width} (as {@code %-Ns}). */
    static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code s} padded with spaces on the left to {@code width} (as {@code %Ns}). */
    static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    static String flags(CgroupStats s) {
        List<String> f = new ArrayList<>();
        if (Boolean.TRUE.equals(s.frozen())) f.add("frozen");
        if (s.memory() != null && s.memory().events() != null && s.memory().events().oomKill() > 0) {
            f.add("oom_kill=" + s.memory().events().oomKill());
        }
        if (s.subtreeControl() != null && !s.subtreeControl().isEmpty()) f.add("+" + String.join(" +", s.subtreeControl()));
        if (s.type() != null && !s.type().equals("domain")) f.add(s.type());
        return String.join(" ", f);
    }

    static String clip(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }
}
