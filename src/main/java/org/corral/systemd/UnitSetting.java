package org.corral.systemd;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.stream.Collectors;
import org.corral.cgroup.CpuList;

/**
 * One unit property as systemd's D-Bus API takes it (org.freedesktop.systemd1(5)): a name, a
 * D-Bus signature and a plain Java value. {@code t} values are {@link BigInteger} (systemd's
 * "infinity" is 2^64-1), {@code ay} a {@code byte[]}, {@code b} a Boolean, {@code s} a String.
 *
 * @param name      "MemoryMax", "CPUQuotaPerSecUSec"...
 * @param signature "t", "ay", "b", "s"
 * @param value     the value in the Java type of the signature
 * @param shown     the value as a person reads it ("64M", "50%", "infinity")
 */
public record UnitSetting(String name, String signature, Object value, String shown) {
    /** systemd's "infinity" for uint64 properties (UINT64_MAX). */
    public static final BigInteger INFINITY = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public UnitSetting {
        Objects.requireNonNull(name);
        Objects.requireNonNull(signature);
        Objects.requireNonNull(value);
    }

    public static UnitSetting uint64(String name, BigInteger value, String shown) {
        return new UnitSetting(name, "t", value, shown);
    }

    public static UnitSetting uint64(String name, long value) {
        return uint64(name, BigInteger.valueOf(value), Long.toString(value));
    }

    public static UnitSetting bool(String name, boolean value) {
        return new UnitSetting(name, "b", value, value ? "yes" : "no");
    }

    public static UnitSetting string(String name, String value) {
        return new UnitSetting(name, "s", value, value);
    }

    public static UnitSetting bytes(String name, byte[] value, String shown) {
        return new UnitSetting(name, "ay", value.clone(), shown);
    }

    /**
     * The value as text that {@link #fromText} reads back exactly (for the journal, and to set a
     * unit's earlier value again): a uint64 as its decimal digits or "infinity", a CPU or node
     * mask as a list ("0-3,6"), a boolean as "yes"/"no", a string as itself.
     */
    public String text() {
        return switch (signature) {
            case "t" -> INFINITY.equals(value) ? "infinity" : value.toString();
            case "ay" -> maskList((byte[]) value);
            case "b" -> (Boolean) value ? "yes" : "no";
            case "s" -> (String) value;
            default -> throw new IllegalArgumentException("no text form for D-Bus signature " + signature);
        };
    }

    /** The setting {@link #text} wrote; throws IllegalArgumentException for text of another shape. */
    public static UnitSetting fromText(String name, String signature, String text) {
        return switch (signature) {
            case "t" -> text.equals("infinity") ? uint64(name, INFINITY, "infinity")
                    : uint64(name, uint64Of(text), text);
            case "ay" -> LimitProperties.mask(name, text);
            case "b" -> switch (text) {
                case "yes" -> bool(name, true);
                case "no" -> bool(name, false);
                default -> throw new IllegalArgumentException(name + ": '" + text + "' is not yes or no");
            };
            case "s" -> string(name, text);
            default -> throw new IllegalArgumentException("no text form for D-Bus signature " + signature);
        };
    }

    private static BigInteger uint64Of(String text) {
        if (!text.matches("[0-9]{1,20}")) throw new IllegalArgumentException("'" + text + "' is not an unsigned number");
        BigInteger v = new BigInteger(text);
        if (v.compareTo(INFINITY) > 0) throw new IllegalArgumentException("'" + text + "' is larger than 2^64-1");
        return v;
    }

    /** systemd's bitmask bytes (bit n of byte n/8 is CPU n) as a list, ranges collapsed. */
    private static String maskList(byte[] mask) {
        return CpuList.parse(BitSet.valueOf(mask).stream().mapToObj(Integer::toString)
                .collect(Collectors.joining(","))).toString();
    }

    /** "MemoryMax=64M", as systemctl set-property takes it. */
    @Override
    public String toString() {
        return name + "=" + shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitSetting u && u.name.equals(name) && u.signature.equals(signature)
                && (value instanceof byte[] b ? u.value instanceof byte[] ub && Arrays.equals(b, ub) : u.value.equals(value));
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, signature, value instanceof byte[] b ? Arrays.hashCode(b) : value);
    }
}
