package io.callsight.asr.callprogress;

import java.util.ArrayList;
import java.util.List;

/** Matching measured bursts against a {@link ToneSpec}'s cadence, with the tolerances of {@link CallProgressConfig.Tones}. */
final class Cadence {
    private Cadence() {
    }

    static boolean within(long measuredMs, int nominalMs, CallProgressConfig.Tones t) {
        return Math.abs(measuredMs - nominalMs) <= nominalMs * t.cadenceTolerance() + t.cadenceSlackMs();
    }

    static long maxMs(int nominalMs, CallProgressConfig.Tones t) {
        return Math.round(nominalMs * (1 + t.cadenceTolerance()) + t.cadenceSlackMs());
    }

    static long minMs(int nominalMs, CallProgressConfig.Tones t) {
        return Math.round(nominalMs * (1 - t.cadenceTolerance()) - t.cadenceSlackMs());
    }

    /**
     * Relative error of the last {@code count} bursts (and the gaps between them) against {@code spec}'s cadence
     * at its best-fitting phase, or NaN if some duration is out of tolerance at every phase, there are too few
     * bursts, or the oldest of them was cut by the start of listening.
     */
    static double matchTail(ToneSpec spec, List<ToneBurst> bursts, int count, CallProgressConfig.Tones t) {
        int n = bursts.size();
        if (n < count || bursts.get(n - count).partial()) {
            return Double.NaN;
        }
        double best = Double.NaN;
        for (int phase = 0; phase < spec.periods(); phase++) {
            double error = 0;
            boolean ok = true;
            for (int q = 0; q < count && ok; q++) {
                ToneBurst b = bursts.get(n - count + q);
                int on = spec.onMs(phase + q);
                ok = within(b.durationMs(), on, t);
                error += Math.abs(b.durationMs() - on) / (double) on;
                if (ok && q < count - 1) {
                    long gap = bursts.get(n - count + q + 1).startMs() - b.endMs();
                    int off = spec.offMs(phase + q);
                    ok = within(gap, off, t);
                    error += Math.abs(gap - off) / (double) off;
                }
            }
            if (ok && (Double.isNaN(best) || error < best)) {
                best = error;
            }
        }
        return best;
    }

    /** The last {@code count} bursts as on, off, on, ... durations. */
    static List<Long> onOff(List<ToneBurst> bursts, int count) {
        List<Long> out = new ArrayList<>();
        int from = Math.max(0, bursts.size() - count);
        for (int i = from; i < bursts.size(); i++) {
            if (i > from) {
                out.add(bursts.get(i).startMs() - bursts.get(i - 1).endMs());
            }
            out.add(bursts.get(i).durationMs());
        }
        return out;
    }
}
