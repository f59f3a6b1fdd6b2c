package org.corral.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuMaxTest {
    @ParameterizedTest
    @CsvSource({"'max 100000',max 100000", "max,max 100000", "'50000 100000',50000 100000", "50000/200000,50000 200000",
            "50%,50000 100000", "150%,150000 100000", "'20000',20000 100000"})
    void parsesKernelAndPeopleForms(String text, String kernel) {
        assertEquals(kernel, CpuMax.parse(text).kernelValue());
    }

    @Test
    void maxHasNoCpus() {
        CpuMax m = CpuMax.parse("max 100000");
        assertTrue(m.isMax());
        assertTrue(m.cpus().isEmpty());
        assertEquals("-1", m.quotaV1());
        assertEquals(0.5, CpuMax.parse("50%").cpus().getAsDouble(), 1e-9);
    }

    @Test
    void v1QuotaMinusOneIsMax() {
        assertTrue(CpuMax.fromV1("-1\n", "100000\n").isMax());
        assertEquals("50000 100000", CpuMax.fromV1("50000", "100000").kernelValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "1 2 3", "50000 10", "500 100000", "-5%", "max 5000000"})
    void refusesWithHint(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> CpuMax.parse(text));
        assertTrue(e.getMessage().startsWith("cpu.max"), e.getMessage());
    }
}
