package io.callsight.tts;

/** Turns text into speech. Implementations may be slow to start; create one and reuse it. */
public interface SpeechSynthesizer {

    /**
     * Speaks {@code text} in {@code voice}.
     *
     * @return mono signed 16-bit PCM at {@link #sampleRate()} Hz
     * @throws SpeechSynthesisException if the engine fails
     */
    short[] synthesize(String text, Voice voice);

    /** Sample rate of every array {@link #synthesize} returns. */
    int sampleRate();

    /**
     * Names the engine and its model, so audio cached from one version is not served after an upgrade. The
     * implementation class is all a versionless engine can offer.
     */
    default String engineVersion() {
        return getClass().getName();
    }
}
