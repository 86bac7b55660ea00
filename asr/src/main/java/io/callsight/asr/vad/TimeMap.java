package io.callsight.asr.vad;

import java.util.Arrays;
import java.util.List;

/**
 * Where the audio a {@link VadGate} passed came from. The recognizer only sees passed audio, so its word times
 * count passed samples; this maps them back to the track's own time line. Passed audio is a sequence of spans,
 * each a contiguous stretch of the original: passed samples [passedStart, passedStart+length) are original
 * samples [originalStart, originalStart+length).
 *
 * <p>A filler span (silence the gate inserted, see {@link VadConfig#closingSilenceMs}) has no original extent:
 * all its samples map to the one original position it was inserted at.
 *
 * <p>Start and end times map differently at a cut: passed sample p as a <em>start</em> is the original sample p
 * maps to, but as an exclusive <em>end</em> it is one past the original of p-1, so a word ending exactly where
 * silence was removed does not stretch over the removed silence.
 */
public final class TimeMap {
    /** One contiguous stretch of passed audio. */
    public record Span(long passedStart, long originalStart, long length) {
        public long passedEnd() {
            return passedStart + length;
        }

        public long originalEnd() {
            return originalStart + length;
        }
    }

    private final int sampleRate;
    private long[] passedStarts = new long[16];
    private long[] originalStarts = new long[16];
    private long[] lengths = new long[16];
    private boolean[] fillers = new boolean[16];
    private int count;
    private long passedTotal;

    public TimeMap(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    /** Records that the next {@code length} passed samples are original samples from {@code originalStart}. */
    void append(long originalStart, long length) {
        add(originalStart, length, false);
    }

    /** Records that the next {@code length} passed samples were inserted at original position {@code originalAt}. */
    void appendFiller(long originalAt, long length) {
        add(originalAt, length, true);
    }

    private void add(long originalStart, long length, boolean filler) {
        if (length <= 0) {
            return;
        }
        if (count > 0) {
            long lastOriginalEnd = originalEnd(count - 1);
            if (originalStart < lastOriginalEnd) {
                throw new IllegalArgumentException("original time must not go backwards: " + originalStart
                        + " < " + lastOriginalEnd);
            }
            if (!filler && !fillers[count - 1] && originalStart == lastOriginalEnd) { // contiguous: extend the last span
                lengths[count - 1] += length;
                passedTotal += length;
                return;
            }
        }
        if (count == passedStarts.length) {
            passedStarts = Arrays.copyOf(passedStarts, count * 2);
            originalStarts = Arrays.copyOf(originalStarts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            fillers = Arrays.copyOf(fillers, count * 2);
        }
        passedStarts[count] = passedTotal;
        originalStarts[count] = originalStart;
        lengths[count] = length;
        fillers[count] = filler;
        count++;
        passedTotal += length;
    }

    private long originalEnd(int span) {
        return fillers[span] ? originalStarts[span] : originalStarts[span] + lengths[span];
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples passed so far. */
    public long passedSamples() {
        return passedTotal;
    }

    /** The stretches of original audio that were passed, in order (inserted silence is not listed). */
    public List<Span> spans() {
        List<Span> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!fillers[i]) {
                out.add(new Span(passedStarts[i], originalStarts[i], lengths[i]));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Original index of passed sample {@code passed}, for a start time. Beyond the passed audio (a recognizer may
     * round a time up) it extrapolates from the last span.
     */
    public long toOriginalSample(long passed) {
        if (passed < 0) {
            throw new IllegalArgumentException("negative sample index " + passed);
        }
        if (count == 0) {
            return passed;
        }
        int span = spanOf(passed);
        return fillers[span] ? originalStarts[span] : originalStarts[span] + (passed - passedStarts[span]);
    }

    /** Original exclusive end for the exclusive passed end {@code passedEnd}. */
    public long toOriginalEndSample(long passedEnd) {
        if (passedEnd <= 0) {
            return toOriginalSample(0);
        }
        int span = spanOf(passedEnd - 1);
        return fillers[span] ? originalStarts[span] : toOriginalSample(passedEnd - 1) + 1;
    }

    /** The passed index of original sample {@code original}, or -1 if the gate dropped it. */
    public long toPassedSample(long original) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (originalEnd(mid) <= original) {
                lo = mid + 1;
            } else if (originalStarts[mid] > original) {
                hi = mid - 1;
            } else {
                return passedStarts[mid] + (original - originalStarts[mid]);
            }
        }
        return -1;
    }

    /** {@link #toOriginalSample} in milliseconds. */
    public long toOriginalMs(long passedMs) {
        return samplesToMs(toOriginalSample(msToSamples(passedMs)));
    }

    /** {@link #toOriginalEndSample} in milliseconds. */
    public long toOriginalEndMs(long passedMs) {
        return samplesToMs(toOriginalEndSample(msToSamples(passedMs)));
    }

    private int spanOf(long passed) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) { // last span whose passedStart <= passed
            int mid = (lo + hi + 1) >>> 1;
            if (passedStarts[mid] <= passed) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private long msToSamples(long ms) {
        return Math.max(0, ms) * sampleRate / 1000;
    }

    private long samplesToMs(long samples) {
        return samples * 1000 / sampleRate;
    }
}
