package io.callsight.asr.recognition;

import java.util.List;

/**
 * Stands in for a real recognizer where only the front-end matters (timing it, checking its segments): takes
 * the audio at 16 kHz, counts it, recognizes nothing.
 */
public final class CountingRecognizer implements SpeechRecognizer {
    private long samples;

    /** Samples received over all streams. */
    public long samples() {
        return samples;
    }

    @Override
    public int sampleRate() {
        return 16_000;
    }

    @Override
    public Stream openStream() {
        return new Stream() {
            @Override
            public List<RecognizedSegment> accept(short[] pcm) {
                samples += pcm.length;
                return List.of();
            }

            @Override
            public List<RecognizedSegment> finish() {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
