package org.corral.cgroup;

/** A count limit such as pids.max: "max" or a non-negative integer. */
public record CountLimit(boolean isMax, long count) {
    private static final CountLimit MAX = new CountLimit(true, 0);

    public static CountLimit max() {
        return MAX;
    }

    public static CountLimit of(long n) {
        if (n < 0) throw new InvalidValueException("a count limit cannot be negative: " + n);
        return new CountLimit(false, n);
    }

    /** pids.max format: "max" or a decimal number. */
    public static CountLimit parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("max")) return MAX;
        if (!t.matches("[0-9]{1,18}")) {
            throw new InvalidValueException("'" + text + "' is not a count; use a whole number such as 100, or max");
        }
        return of(Long.parseLong(t));
    }

    public String kernelValue() {
        return isMax ? "max" : Long.toString(count);
    }

    @Override
    public String toString() {
        return kernelValue();
    }
}
