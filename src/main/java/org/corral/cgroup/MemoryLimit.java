package org.corral.cgroup;

/**
 * A memory limit: "max" (no limit) or a byte count. Never -1. Used for memory.min/low/high/max,
 * memory.swap.max and the v1 *limit_in_bytes files.
 */
public record MemoryLimit(boolean isMax, long bytes) {
    /**
     * v1 reports "no limit" as PAGE_COUNTER_MAX pages in bytes (9223372036854771712 with 4 KiB
     * pages). Anything at or above 2^62 bytes is treated as that: no machine has 4 EiB.
     */
    static final long V1_UNLIMITED_THRESHOLD = 1L << 62;

    private static final MemoryLimit MAX = new MemoryLimit(true, 0);

    public MemoryLimit {
        if (!isMax && bytes < 0) throw new InvalidValueException("a memory limit cannot be negative");
    }

    public static MemoryLimit max() {
        return MAX;
    }

    public static MemoryLimit bytes(long n) {
        return new MemoryLimit(false, n);
    }

    /** A v2 file ("max" or a decimal byte count) or a person's text ("2G", "max"). */
    public static MemoryLimit parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("max") || t.equalsIgnoreCase("infinity") || t.equalsIgnoreCase("unlimited")) {
            return MAX;
        }
        return bytes(ByteSize.parse(t));
    }

    /** A v1 *_in_bytes file: a decimal count where a huge value means unlimited. */
    public static MemoryLimit parseV1(String text) {
        long v = Long.parseLong(text.strip());
        return v >= V1_UNLIMITED_THRESHOLD || v < 0 ? MAX : bytes(v);
    }

    /** What to write to a v2 file. */
    public String kernelValue() {
        return isMax ? "max" : Long.toString(bytes);
    }

    /** What to write to a v1 file: -1 is the kernel's own way to say "unlimited" there. */
    public String kernelValueV1() {
        return isMax ? "-1" : Long.toString(bytes);
    }

    /** As people write it: "max", "2G", "1536M". */
    @Override
    public String toString() {
        return isMax ? "max" : ByteSize.format(bytes);
    }

    /** Whether {@code usage} is past this limit (never for max). */
    public boolean isExceededBy(long usage) {
        return !isMax && usage > bytes;
    }
}
