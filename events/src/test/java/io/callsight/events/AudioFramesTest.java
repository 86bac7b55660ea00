package io.callsight.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioFramesTest {
    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void cutsFixedDurationFramesWithCallTimesAndMarksOnlyTheLast() {
        byte[] audio = ramp(8000 * 25 / 100); // 250 ms of 8 kHz μ-law
        List<AudioFrame> frames = AudioFrames.slice("t", "c", Track.AGENT, AudioCodec.PCMU, 8000, audio, 100);
        assertEquals(3, frames.size());
        assertEquals(List.of(0L, 100L, 200L), frames.stream().map(AudioFrame::startMs).toList());
        assertEquals(List.of(0L, 1L, 2L), frames.stream().map(AudioFrame::seq).toList());
        assertEquals(List.of(800, 800, 400), frames.stream().map(f -> f.payload().length).toList());
        assertFalse(frames.get(0).endOfTrack());
        assertFalse(frames.get(1).endOfTrack());
        assertTrue(frames.get(2).endOfTrack());
    }

    @Test
    void framesConcatenateBackToTheTrack() {
        byte[] audio = ramp(16000 * 2 * 33 / 100); // 330 ms of 16 kHz L16
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (AudioFrame f : AudioFrames.slice("t", "c", Track.CUSTOMER, AudioCodec.L16, 16000, audio, 20)) {
            assertEquals(0, f.payload().length % 2, "whole 16-bit samples in every frame");
            joined.writeBytes(f.payload());
        }
        assertArrayEquals(audio, joined.toByteArray());
    }

    @Test
    void anExactMultipleEndsOnAFullFrame() {
        List<AudioFrame> frames = AudioFrames.slice("t", "c", Track.CUSTOMER, AudioCodec.PCMA, 8000, ramp(1600), 100);
        assertEquals(2, frames.size());
        assertTrue(frames.get(1).endOfTrack());
        assertEquals(800, frames.get(1).payload().length);
    }

    @Test
    void anEmptyTrackStillEnds() {
        List<AudioFrame> frames = AudioFrames.slice("t", "c", Track.CUSTOMER, AudioCodec.PCMU, 8000, new byte[0], 100);
        assertEquals(1, frames.size());
        assertTrue(frames.get(0).endOfTrack());
        assertEquals(0, frames.get(0).payload().length);
    }

    @Test
    void rejectsANonPositiveFrameDuration() {
        assertThrows(IllegalArgumentException.class,
                () -> AudioFrames.slice("t", "c", Track.CUSTOMER, AudioCodec.PCMU, 8000, ramp(10), 0));
    }
}
