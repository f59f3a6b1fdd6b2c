package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"4096,4096", "1K,1024", "512M,536870912", "2G,2147483648", "2g,2147483648", "2GiB,2147483648",
            "2GB,2147483648", "1.5G,1610612736", "1T,1099511627776", " 64M ,67108864", "0,0"})
    void parsesWhatPeopleWrite(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2Q", "", "G", "-1", "1..5G", "abc", "2 G", "1e9", "99999999999E"})
    void refusesWithASentence(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"2147483648,2G", "536870912,512M", "1610612736,1536M", "4097,4097", "1024,1K", "0,0"})
    void formatsExactly(long bytes, String text) {
        assertEquals(text, ByteSize.format(bytes));
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"1610612736,1.5G", "900,900", "1024,1K", "778240000,742.2M"})
    void humanIsShort(long bytes, String text) {
        assertEquals(text, ByteSize.human(bytes));
    }

    /** What %.1f prints (half up), on ties, near-ties, big values and the units used. */
    @ParameterizedTest
    @CsvSource({"0,1", "1280,1024", "1279,1024", "1331,1024", "150000,1000000", "149999,1000000", "2550000,1000000",
            "9223372036854775807,1000000", "9223372036854775807,1152921504606846976", "999,1", "1023999,1048576"})
    void oneDecimalIsWhatFormatPrints(long value, long unit) {
        String expected = new java.math.BigDecimal(value).divide(new java.math.BigDecimal(unit), java.math.MathContext.DECIMAL128)
                .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
        assertEquals(expected, ByteSize.oneDecimal(value, unit));
        if (value < (1L << 53)) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", (double) value / unit), ByteSize.oneDecimal(value, unit));
        }
    }
}
