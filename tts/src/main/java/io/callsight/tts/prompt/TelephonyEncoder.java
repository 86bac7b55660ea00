package io.callsight.tts.prompt;

import static io.callsight.tts.prompt.TelephonyFormat.FRAME_BYTES;
import static io.callsight.tts.prompt.TelephonyFormat.MULAW_SILENCE;
import static io.callsight.tts.prompt.TelephonyFormat.SAMPLE_RATE;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Resampler;
import io.callsight.tts.SilenceTrimmer;
import java.util.Arrays;

/**
 * Turns one synthesized sentence into whole telephony frames. Each sentence is cut to its speech and padded
 * to a frame boundary on its own, so a sentence's frames are the same whether it is played alone, in a prompt
 * or from the cache, and cached sentences can be put together with live ones.
 */
final class TelephonyEncoder {
    /**
     * Pause put between two sentences of a prompt, after each has lost the silence the engine left around
     * it: about what MaryTTS leaves between sentences of one text, and a whole number of frames.
     */
    static final int SENTENCE_PAUSE_MS = 300;

    private TelephonyEncoder() {
    }

    /** μ-law bytes, a multiple of {@link TelephonyFormat#FRAME_BYTES} long; empty if the audio is silent. */
    static byte[] encodeSentence(short[] pcm, int sampleRate) {
        short[] phone = Resampler.resample(pcm, sampleRate, SAMPLE_RATE);
        short[] speech = SilenceTrimmer.trim(phone, SAMPLE_RATE);
        byte[] ulaw = G711.ulawEncode(speech);
        int frames = (ulaw.length + FRAME_BYTES - 1) / FRAME_BYTES;
        byte[] padded = Arrays.copyOf(ulaw, frames * FRAME_BYTES);
        Arrays.fill(padded, ulaw.length, padded.length, MULAW_SILENCE);
        return padded;
    }

    static int sentencePauseFrames() {
        return SENTENCE_PAUSE_MS / TelephonyFormat.FRAME_MS;
    }

    static byte[] silentFrame() {
        byte[] frame = new byte[FRAME_BYTES];
        Arrays.fill(frame, MULAW_SILENCE);
        return frame;
    }
}
