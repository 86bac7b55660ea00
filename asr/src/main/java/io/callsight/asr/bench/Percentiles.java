package io.callsight.asr.bench;

/** The percentiles benchmarks print: nearest rank, so every figure is a value that was measured. */
public final class Percentiles {
    private Percentiles() {
    }

    /**
     * The value at rank ⌈fraction · n⌉ of {@code sorted} (ascending, not empty); {@code fraction} 0.5 is the median,
     * 1 the maximum.
     */
    public static long nearestRank(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
