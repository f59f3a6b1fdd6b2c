package org.corral.cgroup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Byte counts as people write them: "512M", "2G", "1.5G", "4096". Suffixes are binary (K =
 * 1024), as the kernel's own memparse() reads "memory=2G" on the boot command line.
 */
public final class ByteSize {
    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E"};

    private ByteSize() {}

    /**
     * Parses a byte count; accepts K/M/G/T/P with optional "i", "B" or "iB" ("2GiB"), any case,
     * and decimals ("1.5G", rounded down to a byte).
     *
     * @throws InvalidValueException with a sentence naming the text when it is not a size
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw notASize(text);
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.endsWith("IB")) upper = upper.substring(0, upper.length() - 2);
        else if (upper.endsWith("B")) upper = upper.substring(0, upper.length() - 1);
        int shift = 0;
        if (!upper.isEmpty()) {
            char last = upper.charAt(upper.length() - 1);
            int idx = "KMGTPE".indexOf(last);
            if (idx >= 0) {
                shift = 10 * (idx + 1);
                upper = upper.substring(0, upper.length() - 1);
            }
        }
        if (upper.isEmpty() || !upper.matches("[0-9]+(\\.[0-9]+)?")) throw notASize(text);
        try {
            BigDecimal value = new BigDecimal(upper).multiply(BigDecimal.valueOf(2).pow(shift));
            if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new InvalidValueException("'" + text + "' is too large");
            }
            return value.longValue();
        } catch (NumberFormatException e) {
            throw notASize(text);
        }
    }

    private static InvalidValueException notASize(String text) {
        return new InvalidValueException("'" + text + "' is not a size; use e.g. 512M, 2G or max");
    }

    /** Exact form: the largest binary unit that divides the count ("2G", "1536M", "4097"). */
    public static String format(long bytes) {
        if (bytes == 0) return "0";
        int unit = 0;
        long v = bytes;
        while (unit < UNITS.length - 1 && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return v + UNITS[unit];
    }

    /** Approximate form for display: at most one decimal ("1.5G", "742.3M", "12K", "900"). */
    public static String human(long bytes) {
        if (bytes < 1024) return Long.toString(bytes);
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String s = oneDecimal(bytes, 1L << (10 * unit));
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        return s + UNITS[unit];
    }

    /**
     * {@code value / unit} with one decimal, rounded half up: what {@code %.1f} prints, without
     * java.util.Formatter, which loads the locale's number symbols (CLDR data) at its first use:
     * a good part of a short command's start (bench/RESULTS.md, row 3).
     */
    public static String oneDecimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_UP).toPlainString();
    }
}
