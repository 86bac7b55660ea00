package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VadTimeMapTest {

    @Test
    void mapsPassedSamplesThroughCutsAndBack() {
        TimeMap map = new TimeMap(16000);
        map.append(1000, 500); // passed [0,500) = original [1000,1500)
        map.append(1500, 100); // contiguous: merged
        map.append(5000, 300); // passed [600,900) = original [5000,5300)
        assertEquals(List.of(new TimeMap.Span(0, 1000, 600), new TimeMap.Span(600, 5000, 300)), map.spans());
        assertEquals(1000, map.toOriginalSample(0));
        assertEquals(1599, map.toOriginalSample(599));
        assertEquals(5000, map.toOriginalSample(600));
        assertEquals(1600, map.toOriginalEndSample(600), "an end at the cut stays before the removed silence");
        assertEquals(5300, map.toOriginalEndSample(900));
        assertEquals(5310, map.toOriginalSample(910), "past the end: extrapolated");
        assertEquals(-1, map.toPassedSample(999));
        assertEquals(-1, map.toPassedSample(1600));
        assertEquals(-1, map.toPassedSample(5300));
        assertEquals(650, map.toPassedSample(5050));
        assertEquals(62, map.toOriginalMs(0) - 0, "1000 samples at 16 kHz = 62.5 ms, floored");
        assertThrows(IllegalArgumentException.class, () -> map.append(5100, 10));
    }

    @Test
    void randomRoundTrips() {
        Random random = new Random(5);
        TimeMap map = new TimeMap(8000);
        long original = 0;
        for (int i = 0; i < 200; i++) {
            original += random.nextInt(3000);
            int length = 1 + random.nextInt(4000);
            map.append(original, length);
            original += length;
        }
        for (int i = 0; i < 10000; i++) {
            long p = random.nextLong(map.passedSamples());
            long o = map.toOriginalSample(p);
            assertEquals(p, map.toPassedSample(o));
            assertEquals(o + 1, map.toOriginalEndSample(p + 1));
        }
        for (int i = 0; i < 10000; i++) {
            long o = random.nextLong(original);
            long p = map.toPassedSample(o);
            if (p >= 0) {
                assertEquals(o, map.toOriginalSample(p));
            }
        }
    }

    @Test
    void emptyMapIsIdentity() {
        TimeMap map = new TimeMap(8000);
        assertEquals(0, map.passedSamples());
        assertEquals(42, map.toOriginalSample(42));
        assertEquals(-1, map.toPassedSample(42));
        assertThrows(IllegalArgumentException.class, () -> map.toOriginalSample(-1));
    }
}
