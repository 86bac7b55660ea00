package io.callsight.nlp.insights;

import java.util.Locale;

/**
 * How one side of a grayscale release performs: utterances answered, mean confidence of the best intent, share of
 * utterances with no intent (out of scope), accuracy when the utterances were labeled, and for a cascade model
 * the share its encoder answered (what it costs); NaN where they do not apply.
 */
public record VariantStats(String variant, String model, long utterances, double meanConfidence, double noMatchRate,
        double accuracy, double sentToEncoder) {

    public VariantStats(String variant, String model, long utterances, double meanConfidence, double noMatchRate, double accuracy) {
        this(variant, model, utterances, meanConfidence, noMatchRate, accuracy, Double.NaN);
    }

    public String row() {
        return String.format(Locale.ROOT, "%-10s %-8s %10d %16.3f %14.1f%% %10s %16s", variant, model == null ? "-" : model,
                utterances, meanConfidence, 100 * noMatchRate, percent(accuracy), percent(sentToEncoder));
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-10s %-8s %10s %16s %15s %10s %16s", "variant", "model", "utterances",
                "mean confidence", "no-match rate", "accuracy", "sent to encoder");
    }
}
