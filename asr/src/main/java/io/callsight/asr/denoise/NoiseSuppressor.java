package io.callsight.asr.denoise;

/**
 * Streaming noise suppression for one audio track at a fixed sample rate.
 *
 * <p>Callsight suppresses noise at <b>8 kHz, before the 8→16 kHz resampler</b>: telephone audio carries
 * nothing above 4 kHz, so at 16 kHz half the spectrum (and half the cost) would be empty band; the model's
 * bands all fall inside the telephone band; the 8 kHz speech in the training data (FSDD) is native; and any
 * processing artifact above 4 kHz is removed by the resampler's anti-imaging filter anyway. Implementations
 * accept other rates where noted ({@link SpectralSubtraction} works at any even-frame rate).
 *
 * <p>Contract: {@link #process} takes any number of samples (odd, zero, one) and returns the samples that
 * are ready, delayed by at most {@link #latencySamples()}; after {@link #flush()} the concatenated output has
 * exactly as many samples as the input and is time-aligned with it. Chunking never changes the output:
 * feeding a track in any chunk sizes gives the same samples as feeding it whole. Not thread-safe: one
 * instance per track.
 */
public interface NoiseSuppressor {
    /** The sample rate this suppressor works at. */
    int sampleRate();

    /** Processes the next samples; returns the output samples that became ready (possibly none). */
    short[] process(short[] pcm);

    /** Ends the stream: returns the remaining output. The suppressor is then {@linkplain #reset() reset}. */
    short[] flush();

    /** Forgets all state (noise estimate, recurrent state, buffered samples): ready for a new track. */
    void reset();

    /** How many samples the output lags the input by (before {@link #flush()}). */
    int latencySamples();

    /** A short identifier for logs and benchmarks, e.g. {@code "wiener"}, {@code "rnn:v1"}. */
    String name();

    /** Convenience: whole signal in, whole aligned signal out, on a fresh state. */
    default short[] processAll(short[] pcm) {
        reset();
        short[] a = process(pcm);
        short[] b = flush();
        short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
