package io.callsight.nlp.classify;

/**
 * Which n-grams the featurizer emits: word n-grams 1..{@code wordNgrams}; for non-Chinese words char n-grams
 * {@code charMin..charMax} of {@code <word>}; for consecutive Chinese tokens char n-grams 1..{@code cjkCharMax}
 * of the whole run. {@code maxFeatures} caps very long texts.
 */
public record FeatureConfig(int wordNgrams, int charMin, int charMax, int cjkCharMax, boolean hanlp, int maxFeatures) {
    public static FeatureConfig defaults() {
        return new FeatureConfig(2, 2, 5, 3, true, 2048);
    }

    public FeatureConfig {
        if (wordNgrams < 1 || charMin < 1 || charMax < charMin - 1 || cjkCharMax < 0 || maxFeatures < 1) {
            throw new IllegalArgumentException("bad feature config");
        }
    }
}
