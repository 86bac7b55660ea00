package io.callsight.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AudioFrameTest {

    private static AudioFrame frame(AudioCodec codec, int rate, byte[] payload) {
        return new AudioFrame("t", "c1", Track.CUSTOMER, 0, 0, codec, rate, payload, false);
    }

    @Test
    void rejectsPayloadThatIsNotAWholeNumberOfSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> frame(AudioCodec.L16, 16_000, new byte[3]));
        assertTrue(e.getMessage().contains("3 bytes") && e.getMessage().contains("L16"), e.getMessage());
    }

    @Test
    void acceptsAnyByteCountForOneBytePerSampleCodecs() {
        assertEquals(3, frame(AudioCodec.PCMU, 8_000, new byte[3]).sampleCount());
        assertEquals(3, frame(AudioCodec.PCMA, 8_000, new byte[3]).sampleCount());
        assertEquals(2, frame(AudioCodec.L16, 8_000, new byte[4]).sampleCount());
    }

    @Test
    void rejectsNonPositiveSampleRateAndNulls() {
        assertThrows(IllegalArgumentException.class, () -> frame(AudioCodec.PCMU, 0, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> frame(AudioCodec.PCMU, -8000, new byte[8]));
        assertThrows(NullPointerException.class, () -> frame(AudioCodec.PCMU, 8000, null));
        assertThrows(NullPointerException.class, () -> frame(null, 8000, new byte[8]));
        assertThrows(NullPointerException.class,
                () -> new AudioFrame(null, "c", Track.AGENT, 0, 0, AudioCodec.PCMU, 8000, new byte[0], false));
        assertThrows(NullPointerException.class,
                () -> new AudioFrame("t", null, Track.AGENT, 0, 0, AudioCodec.PCMU, 8000, new byte[0], false));
        assertThrows(NullPointerException.class,
                () -> new AudioFrame("t", "c", null, 0, 0, AudioCodec.PCMU, 8000, new byte[0], false));
    }

    @Test
    void durationAndKey() {
        assertEquals(100, frame(AudioCodec.PCMU, 8_000, new byte[800]).durationMs());
        assertEquals(20, frame(AudioCodec.L16, 16_000, new byte[640]).durationMs());
        assertEquals("c1/CUSTOMER", frame(AudioCodec.PCMU, 8_000, new byte[0]).trackKey());
    }

    @Test
    void equalityComparesPayloadContents() {
        AudioFrame a = frame(AudioCodec.PCMU, 8_000, new byte[] {1, 2, 3});
        AudioFrame b = frame(AudioCodec.PCMU, 8_000, new byte[] {1, 2, 3});
        AudioFrame c = frame(AudioCodec.PCMU, 8_000, new byte[] {1, 2, 4});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
    }

    @Test
    void trackForChannel() {
        assertEquals(Track.CUSTOMER, Track.forChannel(0));
        assertEquals(Track.AGENT, Track.forChannel(1));
        assertThrows(IllegalArgumentException.class, () -> Track.forChannel(2));
    }
}
