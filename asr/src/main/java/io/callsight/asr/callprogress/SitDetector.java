package io.callsight.asr.callprogress;

import java.util.ArrayList;
import java.util.List;

/**
 * Special information tone: three pure tones in rising frequency bands, back to back, before a network
 * announcement. Follows the Telcordia coding (SR-2275: 913.8 or 985.2 Hz, then 1370.6 or 1428.5 Hz, each 274 or 380
 * ms, then 1776.7 Hz for 380 ms) and also accepts the ITU-T E.180/Q.35 tone (950, 1400, 1800 Hz ±50 Hz, 330 ± 70
 * ms each). The bands below cover both; the decision comes when the third segment ends, about 1 s after the first
 * began.
 */
final class SitDetector {
    /** Band edges of the three segments: each holds both Telcordia frequencies ±1.5 % and the ITU one ±50 Hz. */
    private static final double[][] BANDS = {{880, 1020}, {1330, 1470}, {1730, 1870}};
    private static final double FIRST_SPLIT_HZ = (913.8 + 985.2) / 2;
    private static final double SECOND_SPLIT_HZ = (1370.6 + 1428.5) / 2;
    private static final long SHORT_LONG_SPLIT_MS = (274 + 380) / 2;
    private static final double[] TELCORDIA_FIRST = {913.8, 985.2};
    private static final double[] TELCORDIA_SECOND = {1370.6, 1428.5};
    private static final double TELCORDIA_TOLERANCE = 0.015;
    private static final double[] ITU = {950, 1400, 1800};

    private final CallProgressConfig.SpecialTones config;
    private final List<Segment> segments = new ArrayList<>();

    private int band = -1;
    private long start;
    private long lastMs;
    private int misses;
    private double sumHz;
    private int count;

    SitDetector(CallProgressConfig.SpecialTones config) {
        this.config = config;
    }

    /** Feeds one frame; returns the evidence when it completes a SIT. */
    Evidence.Sit accept(ToneFrame frame) {
        int b = bandOf(frame);
        if (band >= 0 && b == band) {
            extend(frame);
            return null;
        }
        if (band >= 0 && b < 0 && ++misses <= 1) {
            return null; // one smeared frame inside a segment
        }
        Evidence.Sit result = null;
        if (band >= 0) {
            result = close();
        }
        if (b >= 0) {
            band = b;
            start = Math.max(0, frame.centreMs() - ToneFrame.FRAME_MS / 2);
            sumHz = 0;
            count = 0;
            extend(frame);
        }
        return result;
    }

    private void extend(ToneFrame frame) {
        misses = 0;
        lastMs = frame.centreMs();
        sumHz += frame.dominantHz();
        count++;
    }

    private Evidence.Sit close() {
        Segment segment = new Segment(band, start, lastMs + ToneFrame.FRAME_MS / 2, sumHz / count);
        band = -1;
        long duration = segment.end - segment.start;
        if (duration < config.sitMinMs() || duration > config.sitMaxMs()) {
            segments.clear();
            return null;
        }
        if (!segments.isEmpty()) {
            Segment previous = segments.get(segments.size() - 1);
            if (segment.band != previous.band + 1 || segment.start - previous.end > config.sitMaxGapMs()) {
                segments.clear();
            }
        }
        if (segments.isEmpty() && segment.band != 0) {
            return null;
        }
        segments.add(segment);
        if (segments.size() < 3) {
            return null;
        }
        Evidence.Sit sit = evidence(segments);
        segments.clear();
        return sit;
    }

    private int bandOf(ToneFrame frame) {
        for (int b = 0; b < BANDS.length; b++) {
            if (frame.pureToneIn(BANDS[b][0], BANDS[b][1], config.minShare())) {
                return b;
            }
        }
        return -1;
    }

    private static Evidence.Sit evidence(List<Segment> s) {
        List<Double> hz = List.of(s.get(0).hz, s.get(1).hz, s.get(2).hz);
        List<Long> ms = List.of(s.get(0).end - s.get(0).start, s.get(1).end - s.get(1).start, s.get(2).end - s.get(2).start);
        String code = letter(hz.get(0), FIRST_SPLIT_HZ) + length(ms.get(0)) + "-" + letter(hz.get(1), SECOND_SPLIT_HZ)
                + length(ms.get(1)) + "-" + "L" + length(ms.get(2));
        return new Evidence.Sit(category(hz, code), code, hz, ms);
    }

    private static SitCategory category(List<Double> hz, String code) {
        boolean telcordia = near(hz.get(0), TELCORDIA_FIRST) && near(hz.get(1), TELCORDIA_SECOND);
        if (!telcordia) {
            boolean itu = Math.abs(hz.get(0) - ITU[0]) <= 50 && Math.abs(hz.get(1) - ITU[1]) <= 50
                    && Math.abs(hz.get(2) - ITU[2]) <= 50;
            return itu ? SitCategory.ITU_T : SitCategory.UNKNOWN;
        }
        return switch (code.substring(0, 5)) {
            case "LS-LS" -> SitCategory.INTERCEPT;
            case "HL-HL" -> SitCategory.NO_CIRCUIT;
            case "HL-LS" -> SitCategory.VACANT_CODE;
            case "LS-HL" -> SitCategory.REORDER;
            default -> SitCategory.UNKNOWN;
        };
    }

    private static boolean near(double hz, double[] candidates) {
        for (double c : candidates) {
            if (Math.abs(hz - c) <= TELCORDIA_TOLERANCE * c) {
                return true;
            }
        }
        return false;
    }

    private static String letter(double hz, double split) {
        return hz < split ? "L" : "H";
    }

    private static String length(long ms) {
        return ms < SHORT_LONG_SPLIT_MS ? "S" : "L";
    }

    private record Segment(int band, long start, long end, double hz) {
    }
}
