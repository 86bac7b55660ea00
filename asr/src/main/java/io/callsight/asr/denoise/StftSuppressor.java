package io.callsight.asr.denoise;

import java.util.Arrays;

/**
 * Streaming frame machinery shared by the spectral suppressors: buffers input into 10 ms hops, runs a 20 ms
 * {@link Stft} frame per hop, lets the subclass change the spectrum, and overlap-adds the result. Output is
 * aligned with the input (the first half-frame of the overlap-add, which covers time before the stream began,
 * is dropped) and {@link #flush()} completes it to exactly the input length.
 */
public abstract class StftSuppressor implements NoiseSuppressor {
    protected final int sampleRate;
    protected final Stft stft;
    private final int hop;
    private final int n;
    private final float[] frame;
    private final float[] overlap;
    private final float[] re;
    private final float[] im;
    private final float[] synth;
    private int fill;
    private long consumed;
    private long emitted;
    private boolean dropFirst;
    private short[] outBuf = new short[0];
    private int outLen;

    protected StftSuppressor(int sampleRate) {
        this.sampleRate = sampleRate;
        this.stft = Stft.twentyMs(sampleRate);
        this.n = stft.frameLength();
        this.hop = stft.hop();
        this.frame = new float[n];
        this.overlap = new float[hop];
        this.re = new float[stft.bins()];
        this.im = new float[stft.bins()];
        this.synth = new float[n];
        clearBuffers();
    }

    /** Changes the spectrum of one frame in place ({@link Stft#bins()} bins, real and imaginary parts). */
    protected abstract void processSpectrum(float[] re, float[] im);

    /** Clears the subclass's adaptive state. */
    protected abstract void resetState();

    @Override
    public final int sampleRate() {
        return sampleRate;
    }

    @Override
    public final int latencySamples() {
        return 2 * hop - 1;
    }

    @Override
    public final short[] process(short[] pcm) {
        outLen = 0;
        for (short s : pcm) {
            frame[hop + fill] = s;
            fill++;
            consumed++;
            if (fill == hop) {
                runFrame();
            }
        }
        return Arrays.copyOf(outBuf, outLen);
    }

    @Override
    public final short[] flush() {
        outLen = 0;
        long total = consumed;
        long missing = total - emitted;
        while (missing > outLen) {
            // pad the partial hop (or a whole hop) with zeros and run it
            while (fill < hop) {
                frame[hop + fill++] = 0;
            }
            runFrame();
        }
        short[] out = Arrays.copyOf(outBuf, (int) missing);
        reset();
        return out;
    }

    @Override
    public final void reset() {
        clearBuffers();
        resetState();
    }

    private void clearBuffers() {
        Arrays.fill(frame, 0);
        Arrays.fill(overlap, 0);
        fill = 0;
        consumed = 0;
        emitted = 0;
        dropFirst = true;
        outLen = 0;
    }

    private void runFrame() {
        stft.analyze(frame, re, im);
        processSpectrum(re, im);
        stft.synthesize(re, im, synth);
        if (dropFirst) {
            dropFirst = false; // covers [-hop, 0): before the stream began
        } else {
            ensure(outLen + hop);
            for (int i = 0; i < hop; i++) {
                float v = overlap[i] + synth[i];
                outBuf[outLen++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
            emitted += hop;
        }
        System.arraycopy(synth, hop, overlap, 0, hop);
        System.arraycopy(frame, hop, frame, 0, hop);
        fill = 0;
    }

    private void ensure(int size) {
        if (outBuf.length < size) {
            outBuf = Arrays.copyOf(outBuf, Math.max(size, outBuf.length * 2));
        }
    }
}
