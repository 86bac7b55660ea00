package io.callsight.asr.callprogress;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the voicemail beep in {@link ToneFrame}s: a pure tone between {@link Config#minHz} and
 * {@link Config#maxHz} held for at least {@link Config#minMs}, reported once it has ended (the message must not
 * start over it). Speech is rejected by stability, not by level: a vowel can put most of a window on one harmonic,
 * but its pitch moves by more than 1.5 % between 20 ms frames well before 150 ms have passed, while a beep's
 * frequency does not move at all.
 *
 * <p>Two-tone beeps ("boo-beep") are one beep: a second tone starting within {@link Config#endConfirmMs} of the
 * first one's end extends it. Not thread safe.
 */
public final class BeepDetector {
    private static final int MAX_FRAMES = 400; // 8 s: longer is not a beep, but keep counting it as one tone

    private final Config config;
    private final int minFrames;
    private final int bridgeFrames;
    private final double[] frequencies = new double[MAX_FRAMES];
    private final double[] runHz;
    private final double[] runLevel;

    private long startMs = -1;   // start of the candidate beep, -1 if none
    private long lastToneMs;
    private boolean qualified;   // some stretch of the candidate passed every test for minMs
    private int missFrames;
    private int frequencyCount;
    private int runLength;       // frames of the current stable stretch
    private double lastHz;

    public BeepDetector(Config config) {
        this.config = config;
        this.minFrames = (config.minMs() + ToneFrame.FRAME_MS - 1) / ToneFrame.FRAME_MS;
        this.bridgeFrames = Math.max(1, config.endConfirmMs() / ToneFrame.FRAME_MS);
        this.runHz = new double[minFrames];
        this.runLevel = new double[minFrames];
    }

    /**
     * Feeds one frame; returns the beep when the frame confirms that it ended.
     */
    public Optional<Beep> accept(ToneFrame frame) {
        if (!frame.pureToneIn(config.minHz(), config.maxHz(), config.minShare())) {
            return notTonal();
        }
        double hz = frame.dominantHz();
        boolean stable = runLength > 0 && missFrames == 0
                && Math.abs(hz - lastHz) <= Math.max(config.stabilityHz(), config.stability() * lastHz);
        if (startMs < 0 || (!stable && !qualified && missFrames == 0)) {
            // a new candidate, or an unstable jump before anything qualified: what came before was no beep
            startMs = Math.max(0, frame.centreMs() - ToneFrame.FRAME_MS / 2);
            frequencyCount = 0;
        }
        if (!stable) {
            runLength = 0; // a two-tone beep's second tone starts a new stretch of the same beep
        }
        runHz[runLength % minFrames] = hz;
        runLevel[runLength % minFrames] = frame.levelDb();
        runLength++;
        missFrames = 0;
        lastHz = hz;
        lastToneMs = frame.centreMs();
        if (frequencyCount < MAX_FRAMES) {
            frequencies[frequencyCount++] = hz;
        }
        if (!qualified && runLength >= minFrames && steady()) {
            qualified = true;
        }
        return Optional.empty();
    }

    private Optional<Beep> notTonal() {
        if (startMs < 0) {
            return Optional.empty();
        }
        missFrames++;
        runLength = 0;
        if (!qualified) {
            if (missFrames >= 2) {
                startMs = -1; // a short tonal stretch inside speech
            }
            return Optional.empty();
        }
        if (missFrames < bridgeFrames) {
            return Optional.empty();
        }
        Beep beep = new Beep(startMs, lastToneMs + ToneFrame.FRAME_MS / 2, median(frequencies, frequencyCount));
        startMs = -1;
        qualified = false;
        return Optional.of(beep);
    }

    /** The last minMs of the stretch neither glided in frequency nor swelled or faded in level. */
    private boolean steady() {
        double loHz = Double.MAX_VALUE;
        double hiHz = 0;
        double loDb = Double.MAX_VALUE;
        double hiDb = -Double.MAX_VALUE;
        for (int i = 0; i < minFrames; i++) {
            loHz = Math.min(loHz, runHz[i]);
            hiHz = Math.max(hiHz, runHz[i]);
            loDb = Math.min(loDb, runLevel[i]);
            hiDb = Math.max(hiDb, runLevel[i]);
        }
        return hiHz - loHz <= Math.max(config.stabilityHz(), config.maxDrift() * loHz) && hiDb - loDb <= config.maxLevelRangeDb();
    }

    /** A stable tone that already qualifies as a beep is sounding or has just stopped (its end not yet confirmed). */
    public boolean beepInProgress() {
        return startMs >= 0 && qualified;
    }

    /** A tone that may still become a beep is sounding. */
    public boolean candidateInProgress() {
        return startMs >= 0;
    }

    private static double median(double[] values, int n) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * @param minHz           lowest beep frequency
     * @param maxHz           highest beep frequency
     * @param minMs           shortest beep
     * @param minShare        share of the window the tone must hold
     * @param stability       relative frequency change allowed between consecutive frames
     * @param stabilityHz     absolute change allowed (the larger of the two applies), also for the drift
     * @param maxDrift        relative frequency range allowed over {@code minMs}
     * @param maxLevelRangeDb level range (max - min of the 20 ms frames) allowed over {@code minMs}
     * @param endConfirmMs    the beep has ended after this long without it
     */
    public record Config(double minHz, double maxHz, int minMs, double minShare, double stability, double stabilityHz,
            double maxDrift, double maxLevelRangeDb, int endConfirmMs) {
        public Config {
            if (!(minHz > 0 && maxHz > minHz)) {
                throw new IllegalArgumentException("need 0 < minHz < maxHz, got " + minHz + ".." + maxHz);
            }
            CallProgressConfig.positive("minMs", minMs);
            CallProgressConfig.share("minShare", minShare);
            CallProgressConfig.positive("stability", stability);
            CallProgressConfig.positive("stabilityHz", stabilityHz);
            CallProgressConfig.positive("maxDrift", maxDrift);
            CallProgressConfig.positive("maxLevelRangeDb", maxLevelRangeDb);
            CallProgressConfig.positive("endConfirmMs", endConfirmMs);
        }

        /**
         * 400–2000 Hz and at least 150 ms: the range voicemail systems beep in (most at 1 kHz, some at 440/850 Hz,
         * some two-tone up to 1.8 kHz; above 2 kHz is the fax/modem answer tone). Share 0.6 as for call-progress
         * tones. Frequency: 0.5 % or 5 Hz between frames and 0.6 % over the 150 ms; level: within 4 dB. A beep's
         * interpolated peak wanders by about 1 Hz even at 5 dB SNR and its level is flat, while a voiced syllable
         * that puts most of a window on one harmonic glides in pitch (a 2 % glide over 200 ms is slow for speech)
         * and swells and fades; the synthetic speech of the tests, with its slowly gliding sin²-shaped syllables,
         * passed a frame-to-frame test alone. End confirmed after 60 ms: a two-tone beep's second tone starts sooner.
         */
        public static Config defaults() {
            return new Config(400, 2000, 150, 0.6, 0.005, 5, 0.006, 4, 60);
        }
    }
}
