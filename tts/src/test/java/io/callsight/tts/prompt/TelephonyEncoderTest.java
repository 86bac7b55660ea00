package io.callsight.tts.prompt;

import static io.callsight.tts.prompt.TelephonyFormat.FRAME_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import org.junit.jupiter.api.Test;

class TelephonyEncoderTest {
    private static final int ENGINE_RATE = 48_000;
    private static final double TONE_HZ = 400;
    private static final int AMPLITUDE = 8000;

    @Test
    void aSentenceBecomesWholeTwentyMillisecondFramesWithoutTheEnginesSilence() {
        byte[] ulaw = TelephonyEncoder.encodeSentence(toneBetweenSilences(200, 500, 300), ENGINE_RATE);

        assertEquals(0, ulaw.length % FRAME_BYTES, "not whole 160-byte frames: " + ulaw.length);
        int frames = ulaw.length / FRAME_BYTES;
        // 500 ms of tone is 25 frames; the trimmer keeps 20 ms either side and the last frame is padded.
        assertTrue(frames >= 25 && frames <= 28, frames + " frames for 500 ms of speech");
        assertEquals(TelephonyFormat.MULAW_SILENCE, ulaw[ulaw.length - 1], "padding is μ-law silence");
    }

    @Test
    void framesDecodeToTheSameToneAtEightKilohertz() {
        short[] decoded = G711.ulawDecode(TelephonyEncoder.encodeSentence(toneBetweenSilences(0, 1000, 0), ENGINE_RATE));
        double seconds = decoded.length / (double) TelephonyFormat.SAMPLE_RATE;
        assertEquals(1.0, seconds, 0.05, "one second of audio at 8000 samples a second");
        assertEquals(TONE_HZ, zeroCrossings(decoded) / 2.0 / seconds, 8);
        assertEquals(AMPLITUDE / Math.sqrt(2), rms(decoded, 400, decoded.length - 400), AMPLITUDE * 0.03);
    }

    @Test
    void ulawErrorStaysWithinOneCompandingStep() {
        short[] decoded = G711.ulawDecode(TelephonyEncoder.encodeSentence(toneBetweenSilences(0, 500, 0), ENGINE_RATE));
        // Around 8000 a μ-law step is 256, so a rounding error is at most half of it; the resampler adds a little.
        double worst = 0;
        for (int i = 200; i < decoded.length - 200; i++) {
            double ideal = AMPLITUDE * Math.cos(2 * Math.PI * TONE_HZ * i / TelephonyFormat.SAMPLE_RATE);
            worst = Math.max(worst, Math.abs(decoded[i] - ideal));
        }
        assertTrue(worst < 200, "μ-law error up to " + worst);
    }

    @Test
    void silenceGivesNoFrames() {
        assertEquals(0, TelephonyEncoder.encodeSentence(new short[ENGINE_RATE], ENGINE_RATE).length);
    }

    /** A cosine, so it starts at full level and the trimmer keeps its first sample where it was. */
    private static short[] toneBetweenSilences(int silenceBeforeMs, int toneMs, int silenceAfterMs) {
        int before = ENGINE_RATE * silenceBeforeMs / 1000;
        int tone = ENGINE_RATE * toneMs / 1000;
        short[] pcm = new short[before + tone + ENGINE_RATE * silenceAfterMs / 1000];
        for (int i = 0; i < tone; i++) {
            pcm[before + i] = (short) Math.round(AMPLITUDE * Math.cos(2 * Math.PI * TONE_HZ * i / ENGINE_RATE));
        }
        return pcm;
    }

    private static int zeroCrossings(short[] audio) {
        int crossings = 0;
        for (int i = 1; i < audio.length; i++) {
            if ((audio[i - 1] < 0) != (audio[i] < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    private static double rms(short[] audio, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) audio[i] * audio[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
