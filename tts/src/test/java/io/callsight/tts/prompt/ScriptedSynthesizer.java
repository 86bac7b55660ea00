package io.callsight.tts.prompt;

import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for MaryTTS: every word is 100 ms of a 400 Hz tone at 48 kHz (MaryTTS's rate here), and each
 * synthesis can be made slow or held until the test lets it go, so tests see exactly what is ready when.
 */
final class ScriptedSynthesizer implements SpeechSynthesizer {
    static final int RATE = 48_000;
    static final double TONE_HZ = 400;
    static final int AMPLITUDE = 8000;
    static final int MS_PER_WORD = 100;

    final List<String> spoken = new CopyOnWriteArrayList<>();
    private final long delayMs;
    private final Semaphore permits;
    private final String version;

    private ScriptedSynthesizer(long delayMs, Semaphore permits, String version) {
        this.delayMs = delayMs;
        this.permits = permits;
        this.version = version;
    }

    static ScriptedSynthesizer instant() {
        return new ScriptedSynthesizer(0, null, "scripted-1");
    }

    static ScriptedSynthesizer slow(long delayMs) {
        return new ScriptedSynthesizer(delayMs, null, "scripted-1");
    }

    /** Each synthesis waits for a permit from {@link #allow(int)}. */
    static ScriptedSynthesizer gated() {
        return new ScriptedSynthesizer(0, new Semaphore(0), "scripted-1");
    }

    static ScriptedSynthesizer version(String version) {
        return new ScriptedSynthesizer(0, null, version);
    }

    void allow(int syntheses) {
        permits.release(syntheses);
    }

    int calls() {
        return spoken.size();
    }

    @Override
    public short[] synthesize(String text, Voice voice) {
        spoken.add(text);
        try {
            if (permits != null && !permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test never allowed synthesis of \"" + text + "\"");
            }
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (text.contains("FAIL")) {
            throw new IllegalStateException("scripted failure for \"" + text + "\"");
        }
        int words = text.strip().split("\\s+").length;
        short[] out = new short[RATE * MS_PER_WORD / 1000 * words];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / RATE));
        }
        return out;
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    @Override
    public String engineVersion() {
        return version;
    }
}
