package io.callsight.ingest.audiohook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolDurationTest {
    @Test
    void validForms() {
        assertEquals(Duration.ZERO, ProtocolDuration.parse("PT0S").orElseThrow());
        assertEquals(Duration.ofMillis(12_500), ProtocolDuration.parse("PT12.5S").orElseThrow());
        assertEquals(Duration.ofNanos(125_000), ProtocolDuration.parse("PT0.000125S").orElseThrow());
        assertEquals(Duration.ofMillis(500), ProtocolDuration.parse("PT.5S").orElseThrow());
        assertEquals(Duration.ofNanos(1), ProtocolDuration.parse("PT0.0000000019S").orElseThrow(), "beyond ns cut");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1M5S", "PT1E-3S", "-PT1S", "PT5.S", "PTS", "P1D", "PT-1S", "pt1s", "PT1S ", "PT9999999999999S"})
    void invalidForms(String s) {
        assertTrue(ProtocolDuration.parse(s).isEmpty(), s);
    }

    @Test
    void writtenPlainWithoutTrailingZerosOrExponents() {
        assertEquals("PT0S", ProtocolDuration.formatSamples(0));
        assertEquals("PT0.000125S", ProtocolDuration.formatSamples(1));
        assertEquals("PT26.4S", ProtocolDuration.formatSamples(211_200));
        assertEquals("PT3.52S", ProtocolDuration.formatMs(3520));
        assertEquals("PT100S", ProtocolDuration.formatMs(100_000));
        assertEquals("PT0.0000001S", ProtocolDuration.format(Duration.ofNanos(100)));
        assertEquals(8000, ProtocolDuration.toSamples(Duration.ofSeconds(1)));
        assertEquals(94_400, ProtocolDuration.toSamples(ProtocolDuration.parse("PT11.8S").orElseThrow()));
    }
}
