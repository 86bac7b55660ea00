package io.callsight.asr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankIsAMeasuredValue() {
        long[] sorted = {10, 20, 30, 40};
        assertEquals(20, Percentiles.nearestRank(sorted, 0.5));
        assertEquals(40, Percentiles.nearestRank(sorted, 0.95));
        assertEquals(40, Percentiles.nearestRank(sorted, 1.0));
        assertEquals(10, Percentiles.nearestRank(sorted, 0.0));
        assertEquals(7, Percentiles.nearestRank(new long[] {7}, 0.95));
    }

    @Test
    void refusesNoValues() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(new long[0], 0.5));
    }
}
