package org.corral.systemd;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

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
