package io.callsight.asr.audio;

/**
 * Slow automatic gain control for one track: brings the talker's active speech level to {@link #TARGET_DBFS}
 * and keeps every sample inside PCM16. Lines arrive anywhere from a whisper 40 dB down to a shouting caller
 * at full scale; the recognizer and the VAD were tuned on speech near broadcast level.
 *
 * <ul>
 *   <li><b>Speech level</b>: every 10 ms block whose energy stands 12 dB above the tracked noise floor (and above
 *       −60 dBFS) counts as speech; the level is an exponential average of those blocks' power (time
 *       constant {@link #LEVEL_SECONDS} s). Pauses and noise never move it, so noise is not pumped up between
 *       turns.</li>
 *   <li><b>Gain</b>: target minus level, less a {@value #DEAD_BAND_DB} dB dead band, limited to −{@value #MAX_CUT_DB} … +{@value #MAX_BOOST_DB} dB, moving at most
 *       {@value #SLEW_DB_PER_SECOND} dB per second and ramped sample by sample, so no step is audible or
 *       visible to the recognizer.</li>
 *   <li><b>Limiter</b>: a boosted sample that would exceed {@link #LIMIT} pulls the gain down at once (never
 *       below unity); it recovers at the slew rate. Clipping at the input stays clipping; nothing new is
 *       clipped.</li>
 * </ul>
 * Streaming and chunking-invariant: all state is per sample or per internal 80-sample block counted from the
 * start of the track, so any split of the input gives the same output. Unity gain until a second of speech has been heard.
 */
public final class LevelNormalizer {
    public static final double TARGET_DBFS = -20;
    /**
     * Lines within this many dB of the target are left exactly as they are (unity gain, bit-exact): a healthy
     * line needs no help, and every gain change is a small risk for the recognizer's own normalization.
     */
    static final double DEAD_BAND_DB = 6;
    static final double MAX_BOOST_DB = 20;
    static final double MAX_CUT_DB = 12;
    static final double LEVEL_SECONDS = 2.0;
    static final double SLEW_DB_PER_SECOND = 6;
    static final double MIN_SPEECH_SECONDS = 1.0;
    static final double LIMIT = 0.95 * Short.MAX_VALUE;
    private static final double ACTIVE_ABOVE_FLOOR_DB = 12;
    private static final double ACTIVE_MIN_DBFS = -60;
    /** Noise floor rises this much per block when nothing lower comes (3 dB per second); drops at once. */
    private static final double FLOOR_RISE_DB = 0.03;
    private static final double FULL_SCALE_ENERGY = 32768.0 * 32768.0;

    private final int blockSamples;
    private final double levelAlpha;
    private final double slewPerBlockDb;
    /** Speech heard before the gain may move: the first syllable's onset says nothing about the talker's level. */
    private final int minSpeechBlocks;

    private double blockEnergy;
    private int blockFill;
    private double floorDb = Double.NaN;
    /** Active speech power relative to full scale; negative until the first speech block. */
    private double levelEnergy = -1;
    private int speechBlocks;
    /** Gain now (linear), the gain the ramp heads for by the end of the current block, and the ramp step. */
    private double gain = 1;
    private double rampStep;

    public LevelNormalizer(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.blockSamples = Math.max(1, sampleRate / 100);
        double blocksPerSecond = sampleRate / (double) blockSamples;
        this.levelAlpha = 1 - Math.exp(-1 / (LEVEL_SECONDS * blocksPerSecond));
        this.slewPerBlockDb = SLEW_DB_PER_SECOND / blocksPerSecond;
        this.minSpeechBlocks = (int) Math.round(MIN_SPEECH_SECONDS * blocksPerSecond);
    }

    /** Normalizes the next chunk; returns a new array of the same length. */
    public short[] process(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            double x = pcm[i];
            gain += rampStep;
            double y = x * gain;
            if (gain > 1 && Math.abs(y) > LIMIT) {
                gain = Math.max(1, LIMIT / Math.abs(x));
                rampStep = 0;
                y = Math.copySign(LIMIT, x);
            }
            out[i] = (short) Math.round(y);
            blockEnergy += x * x;
            if (++blockFill == blockSamples) {
                endBlock();
            }
        }
        return out;
    }

    /** The gain now, in dB (for logs and tests). */
    public double gainDb() {
        return 20 * Math.log10(gain);
    }

    private void endBlock() {
        double energyDb = 10 * Math.log10(blockEnergy / blockSamples / FULL_SCALE_ENERGY + 1e-12);
        blockEnergy = 0;
        blockFill = 0;
        floorDb = Double.isNaN(floorDb) ? energyDb : Math.min(energyDb, floorDb + FLOOR_RISE_DB);
        boolean speech = energyDb > ACTIVE_MIN_DBFS && energyDb > floorDb + ACTIVE_ABOVE_FLOOR_DB;
        if (speech) {
            // averaged as power, not in dB: a mean of dB sits several dB under the talker's actual RMS level
            double energy = Math.pow(10, energyDb / 10);
            levelEnergy = levelEnergy < 0 ? energy : levelEnergy + levelAlpha * (energy - levelEnergy);
            speechBlocks++;
        }
        if (speechBlocks < minSpeechBlocks) {
            rampStep = 0;
            return;
        }
        double offDb = TARGET_DBFS - 10 * Math.log10(levelEnergy);
        double wantedDb = Math.abs(offDb) <= DEAD_BAND_DB ? 0 : offDb - Math.copySign(DEAD_BAND_DB, offDb);
        wantedDb = Math.max(-MAX_CUT_DB, Math.min(MAX_BOOST_DB, wantedDb));
        double nowDb = gainDb();
        double nextDb = nowDb + Math.max(-slewPerBlockDb, Math.min(slewPerBlockDb, wantedDb - nowDb));
        rampStep = (Math.pow(10, nextDb / 20) - gain) / blockSamples;
    }
}
