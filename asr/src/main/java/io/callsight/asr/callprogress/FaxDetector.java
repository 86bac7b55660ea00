package io.callsight.asr.callprogress;

/**
 * Fax and modem tones (ITU-T T.30, V.25, V.8). An answering fax or modem sends CED, 2100 Hz for 2.6–4 s (V.8's
 * ANSam is the same tone with 15 Hz amplitude modulation and phase reversals every 450 ms); a calling fax sends
 * CNG, 1100 Hz for 0.5 s every 3.5 s. CED is decided after {@link CallProgressConfig.SpecialTones#cedMinMs}, CNG
 * after {@link CallProgressConfig.SpecialTones#cngBursts} bursts with T.30's cadence (0.5 s ±15 % on, 3 s ±15 %
 * off, widened by the window smearing).
 */
final class FaxDetector {
    static final double CED_HZ = 2100;
    static final double CNG_HZ = 1100;
    private static final int CNG_ON_MS = 500;
    private static final int CNG_OFF_MS = 3000;
    /** A phase reversal of ANSam splits the peak in the one or two windows that straddle it. */
    private static final int CED_BRIDGE_MS = 60;

    private final CallProgressConfig.SpecialTones config;
    private final CallProgressConfig.Tones tones;
    private final BurstTracker ced;
    private final BurstTracker cng;
    private double cedHzSum;
    private int cedFrames;
    private double cngHzSum;
    private int cngFrames;
    private int cngBursts;
    private ToneBurst lastCng;

    FaxDetector(CallProgressConfig.SpecialTones config, CallProgressConfig.Tones tones) {
        this.config = config;
        this.tones = tones;
        this.ced = new BurstTracker(tones.minOnMs(), CED_BRIDGE_MS);
        this.cng = new BurstTracker(tones.minOnMs(), tones.gapBridgeMs());
    }

    /** Feeds one frame; returns the evidence once a fax tone is certain. */
    Evidence.Fax accept(ToneFrame frame) {
        boolean isCed = frame.pureToneIn(CED_HZ - config.cedToleranceHz(), CED_HZ + config.cedToleranceHz(), config.cedMinShare());
        ced.accept(isCed, frame.centreMs());
        if (isCed) {
            cedHzSum += frame.dominantHz();
            cedFrames++;
        } else if (!ced.isOn()) {
            cedHzSum = 0;
            cedFrames = 0;
        }
        if (ced.isOn() && ced.currentDurationMs() >= config.cedMinMs()) {
            return new Evidence.Fax("CED", cedHzSum / cedFrames, ced.currentDurationMs(), 1);
        }

        boolean isCng = frame.pureToneIn(CNG_HZ - config.cngToleranceHz(), CNG_HZ + config.cngToleranceHz(), config.minShare());
        if (isCng) {
            cngHzSum += frame.dominantHz();
            cngFrames++;
        }
        ToneBurst ended = cng.accept(isCng, frame.centreMs());
        if (ended == null) {
            return null;
        }
        if (!within(ended.durationMs(), CNG_ON_MS) && !(ended.partial() && ended.durationMs() < CNG_ON_MS)) {
            cngBursts = 0;
            lastCng = null;
            return null;
        }
        if (lastCng != null && within(ended.startMs() - lastCng.endMs(), CNG_OFF_MS)) {
            cngBursts++;
        } else {
            cngBursts = 1;
        }
        lastCng = ended;
        if (cngBursts >= config.cngBursts()) {
            return new Evidence.Fax("CNG", cngHzSum / Math.max(1, cngFrames), ended.durationMs(), cngBursts);
        }
        return null;
    }

    private boolean within(long measured, int nominal) {
        return Math.abs(measured - nominal) <= nominal * tones.cadenceTolerance() + tones.cadenceSlackMs();
    }
}
