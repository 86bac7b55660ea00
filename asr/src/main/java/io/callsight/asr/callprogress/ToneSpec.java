package io.callsight.asr.callprogress;

import java.util.Arrays;
import java.util.Objects;

/**
 * One call-progress tone: its frequencies and its cadence.
 *
 * @param name      e.g. "US busy"
 * @param kind      what it means
 * @param hz        one or two frequencies sounded together (480+620 Hz), nominal
 * @param cadenceMs on and off durations, alternating and starting with "on", repeated cyclically: {@code {500,
 *                  500}} for busy, {@code {400, 200, 400, 2000}} for the UK double ring
 */
public record ToneSpec(String name, ToneKind kind, double[] hz, int[] cadenceMs) {
    public ToneSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (hz == null || hz.length < 1 || hz.length > 2) {
            throw new IllegalArgumentException(name + ": a tone has one or two frequencies");
        }
        if (cadenceMs == null || cadenceMs.length < 2 || cadenceMs.length % 2 != 0) {
            throw new IllegalArgumentException(name + ": cadence is on/off pairs, got " + Arrays.toString(cadenceMs));
        }
        for (int ms : cadenceMs) {
            if (ms <= 0) {
                throw new IllegalArgumentException(name + ": cadence durations must be > 0: " + Arrays.toString(cadenceMs));
            }
        }
        hz = hz.clone();
        Arrays.sort(hz);
        cadenceMs = cadenceMs.clone();
    }

    public static ToneSpec of(String name, ToneKind kind, double[] hz, int... cadenceMs) {
        return new ToneSpec(name, kind, hz, cadenceMs);
    }

    @Override
    public double[] hz() {
        return hz.clone();
    }

    @Override
    public int[] cadenceMs() {
        return cadenceMs.clone();
    }

    /** Number of on/off pairs in one cycle. */
    public int periods() {
        return cadenceMs.length / 2;
    }

    public int onMs(int period) {
        return cadenceMs[2 * Math.floorMod(period, periods())];
    }

    public int offMs(int period) {
        return cadenceMs[2 * Math.floorMod(period, periods()) + 1];
    }

    public int longestOnMs() {
        int max = 0;
        for (int p = 0; p < periods(); p++) {
            max = Math.max(max, onMs(p));
        }
        return max;
    }

    public int shortestOnMs() {
        int min = Integer.MAX_VALUE;
        for (int p = 0; p < periods(); p++) {
            min = Math.min(min, onMs(p));
        }
        return min;
    }

    public int longestOffMs() {
        int max = 0;
        for (int p = 0; p < periods(); p++) {
            max = Math.max(max, offMs(p));
        }
        return max;
    }

    /** "480+620 Hz". */
    public String frequencyLabel() {
        StringBuilder sb = new StringBuilder();
        for (double f : hz) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f));
        }
        return sb.append(" Hz").toString();
    }

    /** True if {@code other} is sounded on the same frequencies (then only the cadence tells them apart). */
    public boolean sameFrequencies(ToneSpec other) {
        return Arrays.equals(hz, other.hz);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToneSpec t && name.equals(t.name) && kind == t.kind && Arrays.equals(hz, t.hz)
                && Arrays.equals(cadenceMs, t.cadenceMs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, Arrays.hashCode(hz), Arrays.hashCode(cadenceMs));
    }

    @Override
    public String toString() {
        return name + " (" + frequencyLabel() + ", " + Arrays.toString(cadenceMs) + " ms)";
    }
}
