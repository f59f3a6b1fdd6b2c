package org.corral.proc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One parsed {@code /proc/PID/stat} (format and field list: {@link PidStat}).
 *
 * <p>Parsed from the bytes as read, without regex and without splitting into strings: the
 * command name is the text between the first {@code '('} and the <em>last</em> {@code ')'}
 * (it may contain both, and spaces), everything after that is the state character and
 * space-separated numbers. Unsigned 64-bit fields ({@code rsslim}, addresses) are kept as the
 * same 64 bits in a {@code long}; read them with {@link Long#toUnsignedString(long)}.
 */
public final class ProcStat {
    private static final int MAX_POSITION = PidStat.values().length;

    private final int pid;
    private final String comm;
    private final char state;
    /** values[position] for numeric positions 4..fieldCount; 0..3 unused. */
    private final long[] values;
    private final int fieldCount;

    private ProcStat(int pid, String comm, char state, long[] values, int fieldCount) {
        this.pid = pid;
        this.comm = comm;
        this.state = state;
        this.values = values;
        this.fieldCount = fieldCount;
    }

    /**
     * Parses the content of a {@code /proc/PID/stat} file.
     *
     * @throws IllegalArgumentException if it is not in that format (no "PID (", no ')', no state)
     */
    public static ProcStat parse(byte[] b) {
        int len = b.length;
        while (len > 0 && (b[len - 1] == '\n' || b[len - 1] == 0)) len--;
        int open = indexOf(b, (byte) '(', 0, len);
        int close = lastIndexOf(b, (byte) ')', len);
        if (open < 2 || close < open || b[open - 1] != ' ') {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + preview(b));
        }
        long pid = parseNumber(b, 0, open - 1);
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad pid in /proc/PID/stat: " + preview(b));
        }
        String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
        // ") S 0 0 ..." : close+1 is a space, close+2 the state
        if (close + 2 >= len || b[close + 1] != ' ') {
            throw new IllegalArgumentException("no state after comm in /proc/PID/stat: " + preview(b));
        }
        char state = (char) (b[close + 2] & 0xff);
        long[] values = new long[MAX_POSITION + 1];
        int position = PidStat.STATE.position();
        int i = close + 3;
        while (i < len && position < MAX_POSITION) {
            if (b[i] != ' ') throw new IllegalArgumentException("bad field separator in /proc/PID/stat: " + preview(b));
            int start = ++i;
            while (i < len && b[i] != ' ') i++;
            position++;
            values[position] = parseNumber(b, start, i);
        }
        return new ProcStat((int) pid, comm, state, values, position);
    }

    public int pid() {
        return pid;
    }

    /** The command name ({@link PidStat#COMM}) without the parentheses. */
    public String comm() {
        return comm;
    }

    /** The state character ({@link PidStat#STATE}), e.g. 'S'. */
    public char state() {
        return state;
    }

    /** How many fields the line had (up to the ones {@link PidStat} knows); 52 on Linux 3.5+. */
    public int fieldCount() {
        return fieldCount;
    }

    /** Whether this kernel wrote the field (older kernels have fewer). */
    public boolean has(PidStat field) {
        return field.position() <= fieldCount;
    }

    /**
     * A numeric field.
     *
     * @throws IllegalArgumentException for {@link PidStat#COMM} / {@link PidStat#STATE}, or a
     *                                  field this kernel did not write (check {@link #has})
     */
    public long get(PidStat field) {
        if (field == PidStat.PID) return pid;
        if (!field.isNumeric()) throw new IllegalArgumentException(field + " is not numeric");
        if (!has(field)) throw new IllegalArgumentException(field + " not present (" + fieldCount + " fields)");
        return values[field.position()];
    }

    /** Whether {@link PidStat#FLAGS} has {@link PidStat#PF_KTHREAD}. */
    public boolean isKernelThreadFlag() {
        return has(PidStat.FLAGS) && (get(PidStat.FLAGS) & PidStat.PF_KTHREAD) != 0;
    }

    @Override public String toString() {
        return "ProcStat[" + pid + " (" + comm + ") " + state + " "
                + Arrays.toString(Arrays.copyOfRange(values, 4, fieldCount + 1)) + "]";
    }

    /** Decimal, optionally negative; wraps like an unsigned 64-bit value above Long.MAX_VALUE. */
    private static long parseNumber(byte[] b, int from, int to) {
        if (from >= to) throw new IllegalArgumentException("empty field in /proc/PID/stat");
        boolean negative = b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to) throw new IllegalArgumentException("bad number in /proc/PID/stat");
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a number in /proc/PID/stat: '"
                        + new String(b, from, to - from, StandardCharsets.ISO_8859_1) + "'");
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c, int to) {
        for (int i = to - 1; i >= 0; i--) if (b[i] == c) return i;
        return -1;
    }

    private static String preview(byte[] b) {
        return "'" + new String(b, 0, Math.min(b.length, 60), StandardCharsets.UTF_8).strip() + "'";
    }
}
