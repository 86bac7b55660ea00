package io.callsight.asr.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming voice activity detector for one track: a Java port of the WebRTC / libfvad GMM VAD (six sub-band
 * log energies from a split filter bank, two-Gaussian speech and noise models per band, a log-likelihood-ratio
 * test with four aggressiveness modes, model adaptation and hangover), run on 10 ms frames.
 *
 * <p>8 kHz input is analysed directly; 16 and 32 kHz input is first halved (twice for 32 kHz) by the
 * reference's all-pass downsampler, so every rate is judged by the same 8 kHz models, as in libfvad. Audio may
 * arrive in chunks of any size, odd ones included: samples that do not yet fill a frame are carried to the
 * next call, so any chunking yields exactly the decisions of processing the track in one piece. Any 16-bit
 * input is valid (silence, clipping, DC offset); none of it can throw.
 *
 * <p>Not thread safe: one instance per track.
 */
public final class VoiceActivityDetector {
    private static final int NARROWBAND_FRAME = 80; // 10 ms at 8 kHz

    private final int sampleRate;
    private final VadMode mode;
    private final int frameSamples;
    private final SubBandFilterBank filterBank = new SubBandFilterBank();
    private final GaussianMixtureClassifier classifier;
    private final HalfBandDownsampler firstHalving = new HalfBandDownsampler();
    private final HalfBandDownsampler secondHalving = new HalfBandDownsampler();

    private final short[] pending;
    private int pendingCount;
    private final short[] halved;
    private final short[] narrowband = new short[NARROWBAND_FRAME];
    private final short[] features = new short[SubBandFilterBank.BANDS];
    private long framesDone;
    private int lastRawDecision;

    public VoiceActivityDetector(int sampleRate, VadMode mode) {
        if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 32000) {
            throw new IllegalArgumentException("VAD supports 8000, 16000 or 32000 Hz input, got " + sampleRate
                    + " (resample first, e.g. with io.callsight.asr.audio.Resampler)");
        }
        this.sampleRate = sampleRate;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.frameSamples = sampleRate / 100;
        this.pending = new short[frameSamples];
        this.halved = new short[frameSamples / 2];
        this.classifier = new GaussianMixtureClassifier(mode);
    }

    public VoiceActivityDetector(int sampleRate) {
        this(sampleRate, VadConfig.defaults().mode());
    }

    /** Feeds a chunk of any length; returns the decisions for the frames it completed (possibly none). */
    public List<FrameDecision> accept(short[] pcm) {
        return accept(pcm, 0, pcm.length);
    }

    public List<FrameDecision> accept(short[] pcm, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, pcm.length);
        List<FrameDecision> out = new ArrayList<>(Math.max(1, (pendingCount + length) / frameSamples));
        int i = offset;
        int end = offset + length;
        if (pendingCount > 0) {
            int take = Math.min(frameSamples - pendingCount, length);
            System.arraycopy(pcm, i, pending, pendingCount, take);
            pendingCount += take;
            i += take;
            if (pendingCount == frameSamples) {
                out.add(decide(pending, 0));
                pendingCount = 0;
            }
        }
        while (end - i >= frameSamples) {
            out.add(decide(pcm, i));
            i += frameSamples;
        }
        if (i < end) {
            System.arraycopy(pcm, i, pending, 0, end - i);
            pendingCount = end - i;
        }
        return out;
    }

    /** Samples received but not yet part of a complete frame (less than one frame). */
    public int pendingSamples() {
        return pendingCount;
    }

    /** Complete frames decided so far. */
    public long framesProcessed() {
        return framesDone;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int frameSamples() {
        return frameSamples;
    }

    public VadMode mode() {
        return mode;
    }

    /** Forgets all adaptation and buffered samples: the next sample starts frame 0 of a fresh stream. */
    public void reset() {
        filterBank.reset();
        classifier.reset();
        firstHalving.reset();
        secondHalving.reset();
        pendingCount = 0;
        framesDone = 0;
    }

    /** The raw reference result of the last frame: 0 noise, 1 speech, above 1 hangover (for diagnostics). */
    int lastRawDecision() {
        return lastRawDecision;
    }

    private FrameDecision decide(short[] frame, int offset) {
        short[] nb;
        switch (sampleRate) {
            case 8000 -> {
                System.arraycopy(frame, offset, narrowband, 0, NARROWBAND_FRAME);
                nb = narrowband;
            }
            case 16000 -> {
                firstHalving.process(frame, offset, frameSamples, narrowband);
                nb = narrowband;
            }
            default -> { // 32 kHz -> 16 -> 8, as WebRtcVad_CalcVad32khz
                firstHalving.process(frame, offset, frameSamples, halved);
                secondHalving.process(halved, 0, halved.length, narrowband);
                nb = narrowband;
            }
        }
        int totalPower = filterBank.features(nb, NARROWBAND_FRAME, features);
        int raw = classifier.classify(features, totalPower);
        lastRawDecision = raw;
        return new FrameDecision(framesDone++, raw > 0, raw > 1);
    }
}
