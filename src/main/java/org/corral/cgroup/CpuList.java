package org.corral.cgroup;

import java.util.BitSet;

/**
 * A CPU or memory-node list in the kernel's "list format" (cpuset.cpus, cpuset.mems, and
 * /sys/devices/system/cpu/online): comma-separated numbers and ranges, e.g.
 * <pre>0-3,6,8-9</pre>
 * An empty file means "none set" (on v2: inherit the parent's).
 */
public final class CpuList {
    private static final int LIMIT = 1 << 16;
    private final BitSet bits;

    private CpuList(BitSet bits) {
        this.bits = bits;
    }

    public static CpuList parse(String text) {
        String t = text == null ? "" : text.strip();
        BitSet set = new BitSet();
        if (t.isEmpty()) return new CpuList(set);
        for (String part : t.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from || to >= LIMIT) throw new NumberFormatException();
                set.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("'" + text + "' is not a CPU list; use e.g. 0-3,6");
            }
        }
        return new CpuList(set);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public int size() {
        return bits.cardinality();
    }

    public boolean contains(int cpu) {
        return bits.get(cpu);
    }

    public boolean isSubsetOf(CpuList other) {
        BitSet copy = (BitSet) bits.clone();
        copy.andNot(other.bits);
        return copy.isEmpty();
    }

    public int[] toArray() {
        return bits.stream().toArray();
    }

    /** The canonical list form, ranges collapsed: "0-3,6". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int i = bits.nextSetBit(0);
        while (i >= 0) {
            int end = bits.nextClearBit(i) - 1;
            if (sb.length() > 0) sb.append(',');
            sb.append(i);
            if (end > i) sb.append('-').append(end);
            i = bits.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuList c && c.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }
}
