package io.callsight.tts.callprogress;

import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.SyntheticSpeech;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;

/**
 * Stands in for MaryTTS where the words do not matter: 300 ms of speech-like sound per word at 16 kHz, the same for
 * the same text and voice, so generator tests run in milliseconds.
 */
final class SpeechLikeSynthesizer implements SpeechSynthesizer {
    @Override
    public short[] synthesize(String text, Voice voice) {
        int words = text.strip().split("\\s+").length;
        long seed = (text + voice).hashCode();
        return Mixer.toPcm(SyntheticSpeech.generate(16 * 300 * words, 16000, 9000, seed));
    }

    @Override
    public int sampleRate() {
        return 16000;
    }
}
