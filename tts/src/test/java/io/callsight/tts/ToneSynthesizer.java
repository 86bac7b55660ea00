package io.callsight.tts;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for MaryTTS in fast tests: every word becomes 100 ms of a sine tone, 300 Hz for the customer and
 * 500 Hz for the agent, so lengths are exact and each voice is recognizable in the output.
 */
final class ToneSynthesizer implements SpeechSynthesizer {
    static final int MS_PER_WORD = 100;
    static final int AMPLITUDE = 8000;

    private final int sampleRate;
    final AtomicInteger calls = new AtomicInteger();

    ToneSynthesizer(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    static double frequency(Voice voice) {
        return voice == Voice.CUSTOMER ? 300 : 500;
    }

    @Override
    public short[] synthesize(String text, Voice voice) {
        calls.incrementAndGet();
        int words = text.strip().split("\\s+").length;
        short[] out = new short[sampleRate * MS_PER_WORD / 1000 * words];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequency(voice) * i / sampleRate));
        }
        return out;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }
}
