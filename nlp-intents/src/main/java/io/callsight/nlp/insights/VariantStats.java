package io.callsight.nlp.insights;

import java.util.Locale;

/**
 * How one side of a grayscale release performs: utterances answered, mean confidence of the best intent, share of
 * utterances with no intent (out of scope), and accuracy when the utterances were labeled (else NaN).
 */
public record VariantStats(String variant, String model, long utterances, double meanConfidence, double noMatchRate,
        double accuracy) {

    public String row() {
        return String.format(Locale.ROOT, "%-10s %-8s %10d %16.3f %14.1f%% %10s", variant, model == null ? "-" : model,
                utterances, meanConfidence, 100 * noMatchRate, Double.isNaN(accuracy) ? "-"
                        : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy));
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-10s %-8s %10s %16s %15s %10s", "variant", "model", "utterances",
                "mean confidence", "no-match rate", "accuracy");
    }
}
