package org.corral.protocol;

import java.util.List;

/**
 * {@link Op#MOVE}: processes (or, with {@code threads}, single threads) into a cgroup.
 *
 * @param pids at most {@link #MAX_PIDS}
 */
public record MoveArgs(String cgroup, List<Integer> pids, boolean threads) {
    public static final int MAX_PIDS = 4096;
    /** PID_MAX_LIMIT on 64-bit Linux. */
    public static final int PID_MAX = 4_194_304;

    public static MoveArgs from(Fields f) {
        return new MoveArgs(f.text("cgroup", CgroupArgs.EXAMPLE),
                f.numbers("pids", 1, PID_MAX, MAX_PIDS).stream().map(Long::intValue).toList(),
                f.flag("threads", false));
    }
}
