package io.callsight.tts.bench;

import io.callsight.asr.callprogress.DialStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's baseline: dial status from the energy envelope alone, with no frequency analysis, the way a
 * dialler without tone detectors does it.
 *
 * <ul>
 *   <li>Sound is a 20 ms frame whose mean absolute sample reaches Asterisk's {@code silence_threshold} (256), raised
 *       to 6 dB above the line's noise floor (10 s sliding minimum) so that line noise is not sound; runs shorter than
 *       100 ms are ignored.</li>
 *   <li>Before the answer: two sound runs of 0.2–0.7 s with a 0.15–0.7 s gap are busy; a run of 0.7–2.6 s followed
 *       by at least 2.5 s of silence is a ring; any other run is the answer (at its start); 5 s of silence after a
 *       ring is an answer at the end of that ring; ringing for the ring timeout is no answer.</li>
 *   <li>After the answer: Asterisk's {@code app_amd} rules with its shipped defaults (amd.conf.sample): initial
 *       silence 2.5 s, greeting 1.5 s, after-greeting silence 0.8 s, total analysis 5 s, minimum word 100 ms,
 *       between words 50 ms, at most 2 words, longest word 5 s. Its INITIALSILENCE verdict (MACHINE in Asterisk) is
 *       read as no answer, and NOTSURE as a person: both favour the baseline on this set.</li>
 *   <li>The voicemail message starts after 1 s of silence following the machine verdict.</li>
 * </ul>
 *
 * It cannot report SIT or fax: those calls end up as whatever their energy looks like.
 */
final class EnergyDialBaseline {
    private static final int FRAME = 160;
    private static final int FRAME_MS = 20;
    private static final double ASTERISK_SILENCE_THRESHOLD = 256;
    private static final int INITIAL_SILENCE_MS = 2500;
    private static final int GREETING_MS = 1500;
    private static final int AFTER_GREETING_SILENCE_MS = 800;
    private static final int TOTAL_ANALYSIS_MS = 5000;
    private static final int MIN_WORD_MS = 100;
    private static final int BETWEEN_WORDS_MS = 50;
    private static final int MAX_WORDS = 2;
    private static final int MAX_WORD_MS = 5000;
    private static final int MESSAGE_SILENCE_MS = 1000;

    /** The baseline's verdict on one call. */
    record Outcome(DialStatus status, long atMs, long answeredAtMs, long messageAtMs) {
    }

    private EnergyDialBaseline() {
    }

    static Outcome classify(short[] pcm, int ringTimeoutMs) {
        int frames = pcm.length / FRAME;
        boolean[] sound = new boolean[frames];
        double[] floorWindow = new double[500];
        java.util.Arrays.fill(floorWindow, Double.MAX_VALUE);
        for (int f = 0; f < frames; f++) {
            double abs = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                abs += Math.abs(pcm[i]);
            }
            abs /= FRAME;
            floorWindow[f % floorWindow.length] = abs;
            double floor = Double.MAX_VALUE;
            for (double v : floorWindow) {
                floor = Math.min(floor, v);
            }
            sound[f] = abs >= Math.max(ASTERISK_SILENCE_THRESHOLD, 2 * floor);
        }

        List<long[]> runs = new ArrayList<>(); // completed sound runs {start, end} in ms, >= 100 ms
        long runStart = -1;
        long lastRingEnd = -1;
        long firstRing = -1;
        int resolved = 0; // runs before this index are rings (or ignored); the rest are still open
        for (int f = 0; f < frames; f++) {
            long t = (long) f * FRAME_MS;
            long now = t + FRAME_MS;
            if (sound[f] && runStart < 0) {
                runStart = t;
            }
            boolean ended = false;
            if (!sound[f] && runStart >= 0) {
                if (t - runStart >= 100) {
                    runs.add(new long[] {runStart, t});
                    ended = true;
                }
                runStart = -1;
            }
            int n = runs.size();
            long[] open = resolved < n ? runs.get(n - 1) : null; // the newest run not yet explained
            long[] before = resolved < n - 1 ? runs.get(n - 2) : null;
            if (ended && open != null && before != null && busyLike(open) && busyLike(before)
                    && open[0] - before[1] >= 150 && open[0] - before[1] <= 700) {
                return new Outcome(DialStatus.BUSY, now, -1, -1);
            }
            if (runStart >= 0) {
                long length = now - runStart;
                if (length > 2600) {
                    return amd(sound, open != null ? open[0] : runStart, f); // too long for any tone: the answer
                }
                if (open != null && !(busyLike(open) && length <= 700)) {
                    // a second sound after an open run that is neither the next busy burst nor a ring after 2.5 s
                    return amd(sound, open[0], f);
                }
                if (open == null && lastRingEnd >= 0 && runStart - lastRingEnd < 2500) {
                    return amd(sound, runStart, f); // sound too soon for the next ring
                }
            } else if (open != null) {
                long length = open[1] - open[0];
                long quiet = now - open[1];
                if (length >= 700 && length <= 2600 && quiet >= 2500) {
                    firstRing = firstRing < 0 ? open[0] : firstRing;
                    lastRingEnd = open[1];
                    resolved = n;
                } else if (length < 200 && quiet > 700 && before == null) {
                    resolved = n; // a click
                } else if ((length < 700 && quiet > 700) || (length > 2600)) {
                    return amd(sound, before != null && busyLike(before) ? before[0] : open[0], f);
                }
            } else if (lastRingEnd >= 0 && now - lastRingEnd >= 5000) {
                return amd(sound, lastRingEnd, f); // the rings stopped: answered, silent so far
            }
            if (firstRing >= 0 && now - firstRing >= ringTimeoutMs) {
                return new Outcome(DialStatus.NO_ANSWER, now, -1, -1);
            }
        }
        return new Outcome(DialStatus.NO_ANSWER, (long) frames * FRAME_MS, -1, -1);
    }

    private static boolean busyLike(long[] run) {
        long len = run[1] - run[0];
        return len >= 200 && len <= 700;
    }

    /**
     * Asterisk's AMD from {@code answerMs} on, replaying the frames already seen (the verdict cannot come before the
     * frame {@code knownAtFrame} at which the answer was recognized).
     */
    private static Outcome amd(boolean[] sound, long answerMs, int knownAtFrame) {
        int first = (int) (answerMs / FRAME_MS);
        long silence = 0;
        long voice = 0;
        long consecutiveVoice = 0;
        int words = 0;
        boolean inWord = false;
        boolean inGreeting = false;
        DialStatus verdict = null;
        int f = first;
        for (; f < sound.length && verdict == null; f++) {
            long elapsed = (long) (f - first + 1) * FRAME_MS;
            if (!sound[f]) {
                silence += FRAME_MS;
                consecutiveVoice = 0;
                if (inWord && silence >= BETWEEN_WORDS_MS) {
                    inWord = false;
                }
                if (inGreeting && silence >= AFTER_GREETING_SILENCE_MS) {
                    verdict = DialStatus.ANSWERED_HUMAN;
                } else if (!inGreeting && silence >= INITIAL_SILENCE_MS) {
                    verdict = DialStatus.NO_ANSWER; // Asterisk: MACHINE (INITIALSILENCE)
                }
            } else {
                consecutiveVoice += FRAME_MS;
                voice += FRAME_MS;
                if (consecutiveVoice >= MIN_WORD_MS && !inWord) {
                    words++;
                    inWord = true;
                    inGreeting = true;
                    silence = 0;
                }
                if (inWord) {
                    silence = 0;
                }
                if (words > MAX_WORDS || consecutiveVoice >= MAX_WORD_MS || (inGreeting && voice >= GREETING_MS)) {
                    verdict = DialStatus.ANSWERED_MACHINE;
                }
            }
            if (verdict == null && elapsed >= TOTAL_ANALYSIS_MS) {
                verdict = inGreeting ? DialStatus.ANSWERED_HUMAN : DialStatus.NO_ANSWER; // Asterisk: NOTSURE
            }
        }
        if (verdict == null) {
            verdict = inGreeting ? DialStatus.ANSWERED_HUMAN : DialStatus.NO_ANSWER;
        }
        long decidedAt = Math.max((long) f * FRAME_MS, (long) (knownAtFrame + 1) * FRAME_MS);
        long message = -1;
        if (verdict == DialStatus.ANSWERED_MACHINE) {
            long quiet = 0;
            for (int g = f; g < sound.length; g++) {
                quiet = sound[g] ? 0 : quiet + FRAME_MS;
                if (quiet >= MESSAGE_SILENCE_MS) {
                    message = Math.max(decidedAt, (long) (g + 1) * FRAME_MS);
                    break;
                }
            }
        }
        return new Outcome(verdict, decidedAt, answerMs, message);
    }
}
