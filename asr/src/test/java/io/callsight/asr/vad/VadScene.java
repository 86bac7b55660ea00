package io.callsight.asr.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * A test track: speech placed between silences, with ground truth per 10 ms frame, and the scoring of
 * detector output against it (speech coverage and false alarms).
 */
final class VadScene {
    final int rate;
    final double[] clean;
    final boolean[] truth; // per frame: speech in the clean signal

    private VadScene(int rate, double[] clean, boolean[] truth) {
        this.rate = rate;
        this.clean = clean;
        this.truth = truth;
    }

    /**
     * Lays out {@code utterances} separated by {@code gapMs} of silence (and a gap before the first), and marks as
     * speech the frames whose clean energy is within 25 dB of the loudest frame of their utterance (quieter
     * tails sink under the noise floor at the SNRs tested and would measure the noise, not the detector).
     */
    static VadScene of(int rate, List<double[]> utterances, int gapMs) {
        int frame = rate / 100;
        int gap = rate * gapMs / 1000 / frame * frame;
        int total = gap;
        for (double[] u : utterances) {
            total += (u.length + frame - 1) / frame * frame + gap;
        }
        double[] clean = new double[total];
        boolean[] truth = new boolean[total / frame];
        int pos = gap;
        for (double[] u : utterances) {
            System.arraycopy(u, 0, clean, pos, u.length);
            int frames = (u.length + frame - 1) / frame;
            double peak = 0;
            double[] energy = new double[frames];
            for (int f = 0; f < frames; f++) {
                energy[f] = VadSignals.rms(u, f * frame, Math.min(u.length, (f + 1) * frame));
                peak = Math.max(peak, energy[f]);
            }
            for (int f = 0; f < frames; f++) {
                truth[pos / frame + f] = energy[f] > peak * Math.pow(10, -25 / 20.0);
            }
            pos += frames * frame + gap;
        }
        return new VadScene(rate, clean, truth);
    }

    /** The clean track plus {@code noise} scaled to the given SNR relative to the speech frames' mean power. */
    short[] withNoise(double[] noise, double snrDb) {
        if (Double.isInfinite(snrDb)) {
            return VadSignals.toPcm(clean);
        }
        int frame = rate / 100;
        double power = 0;
        int n = 0;
        for (int f = 0; f < truth.length; f++) {
            if (truth[f]) {
                for (int i = f * frame; i < (f + 1) * frame; i++) {
                    power += clean[i] * clean[i];
                }
                n += frame;
            }
        }
        double speechRms = Math.sqrt(power / n);
        double[] scaledNoise = VadSignals.scaled(java.util.Arrays.copyOf(noise, clean.length),
                speechRms / Math.pow(10, snrDb / 20));
        return VadSignals.toPcm(VadSignals.add(clean, scaledNoise));
    }

    /** Frame-level outcome of a run. */
    record Score(double coverage, double frameFalseAlarm, double segmentFalseAlarm, double passedShare) {
        @Override
        public String toString() {
            return String.format("coverage %.1f%%, frame false alarms %.1f%%, gated-in silence %.1f%%, passed %.1f%%",
                    100 * coverage, 100 * frameFalseAlarm, 100 * segmentFalseAlarm, 100 * passedShare);
        }
    }

    /**
     * Runs detector and segmenter over {@code pcm}: coverage = speech frames inside a segment; frame false alarm
     * = non-speech frames the detector called speech; segment false alarm = non-speech frames inside a segment
     * that are farther than the padding from any speech (padding itself is wanted, not an error).
     */
    Score score(short[] pcm, VadConfig config) {
        VoiceActivityDetector vad = new VoiceActivityDetector(rate, config.mode());
        List<FrameDecision> decisions = vad.accept(pcm);
        SpeechSegmenter segmenter = new SpeechSegmenter(config);
        List<SpeechSegment> segments = new ArrayList<>();
        for (SegmentEvent e : segmenter.accept(decisions)) {
            if (e instanceof SegmentEvent.Ended ended) {
                segments.add(ended.segment());
            }
        }
        for (SegmentEvent e : segmenter.finish()) {
            if (e instanceof SegmentEvent.Ended ended) {
                segments.add(ended.segment());
            }
        }
        boolean[] inSegment = new boolean[truth.length];
        for (SpeechSegment s : segments) {
            for (long f = s.startMs() / 10; f < Math.min(truth.length, s.endMs() / 10); f++) {
                inSegment[(int) f] = true;
            }
        }
        boolean[] nearSpeech = new boolean[truth.length];
        int pre = config.prePaddingFrames();
        int post = config.postPaddingFrames();
        for (int f = 0; f < truth.length; f++) {
            if (truth[f]) {
                for (int g = Math.max(0, f - pre); g <= Math.min(truth.length - 1, f + post); g++) {
                    nearSpeech[g] = true;
                }
            }
        }
        int speech = 0, covered = 0, silence = 0, alarms = 0, far = 0, farIn = 0, passed = 0;
        for (int f = 0; f < truth.length; f++) {
            boolean said = f < decisions.size() && decisions.get(f).speech();
            if (inSegment[f]) {
                passed++;
            }
            if (truth[f]) {
                speech++;
                if (inSegment[f]) {
                    covered++;
                }
            } else {
                silence++;
                if (said) {
                    alarms++;
                }
                if (!nearSpeech[f]) {
                    far++;
                    if (inSegment[f]) {
                        farIn++;
                    }
                }
            }
        }
        return new Score((double) covered / Math.max(1, speech), (double) alarms / Math.max(1, silence),
                (double) farIn / Math.max(1, far), (double) passed / truth.length);
    }
}
