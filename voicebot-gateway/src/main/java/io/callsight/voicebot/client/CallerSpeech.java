package io.callsight.voicebot.client;

import io.callsight.asr.audio.G711;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt;
import io.callsight.tts.prompt.SpeechStream;
import io.callsight.tts.prompt.StreamingSynthesizer;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/** A simulated caller's line: MaryTTS in a caller voice as 8 kHz μ-law, cut where the speech ends. */
public final class CallerSpeech {
    /** Below this (of 32,768) a sample is the synthesizer's padding, not speech. */
    private static final int QUIET = 300;

    private CallerSpeech() {
    }

    public static byte[] say(StreamingSynthesizer synthesizer, Voice voice, String text) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SpeechStream s = synthesizer.speak(Prompt.fixed(text), voice)) {
            Optional<byte[]> f;
            while ((f = s.next()).isPresent()) {
                out.write(f.get(), 0, f.get().length);
            }
        }
        return trimTrailingSilence(out.toByteArray());
    }

    /**
     * The synthesizer pads a sentence with quiet: cut it, so that a response latency measured from the clip's end is
     * measured from the end of speech.
     */
    public static byte[] trimTrailingSilence(byte[] ulaw) {
        int end = ulaw.length;
        while (end > 0 && Math.abs(G711.ulawDecode(ulaw[end - 1])) < QUIET) {
            end--;
        }
        return Arrays.copyOf(ulaw, end);
    }
}
