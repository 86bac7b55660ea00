package io.callsight.search.query;

/**
 * How one model version answered live, from the utterances it analyzed: how many, the mean confidence (intents) or
 * mean strength |score| (sentiment), the share without an intent (intents) or read as neutral (sentiment), and for a
 * cascade model the share its encoder answered (NaN for other models).
 */
public record ModelUsage(String variant, String model, long utterances, double meanConfidence, double noMatchRate,
        double sentToEncoder) {
}
