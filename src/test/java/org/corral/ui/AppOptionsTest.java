package org.corral.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The desktop app's start options; --interval is how often the tree and process table are read. */
class AppOptionsTest {
    @Test
    void treeAndTableEveryTwoSecondsUnlessTold() {
        assertEquals(2000, AppOptions.parse(List.of()).intervalMillis());
        assertEquals(1000, AppOptions.parse(List.of("--interval", "1")).intervalMillis());
        assertEquals(500, AppOptions.parse(List.of("--interval", "0.5")).intervalMillis());
        assertEquals(2500, AppOptions.parse(List.of("--tab", "charts", "--interval", "2.5")).intervalMillis());
        assertEquals("charts", AppOptions.parse(List.of("--tab", "charts", "--interval", "2.5")).tab());
    }

    @Test
    void intervalsTooShortTooLongOrNotANumberAreRefusedWithTheRange() {
        for (String bad : List.of("0", "0.1", "-1", "61", "NaN", "fast", "1s")) {
            var e = assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--interval", bad)), bad);
            assertTrue(e.getMessage().contains("0.5 to 60"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AppOptions.parse(List.of("--interval")), "a value is needed");
    }
}
