package io.callsight.nlp.classify;

/**
 * How {@link HashedBagModel} pools an utterance's n-gram embedding rows: {@code MEAN} (1/n each), {@code IDF}
 * (idf-weighted mean, {@code idf_r / Σ idf}) or {@code TFIDF} (the TF-IDF vector itself: per distinct row
 * {@code (1 + ln tf)·idf}, L2-normalized over the utterance, as the linear baseline weighs its features) or
 * {@code TFIDF_OOV} (the same, but distinct n-grams never seen in training also count in the norm, at the largest
 * idf: an utterance made of unfamiliar words gets a shorter pooled vector, hence lower confidence — which helps
 * out-of-scope rejection).
 */
public enum Pooling {
    MEAN, IDF, TFIDF, TFIDF_OOV;

    public boolean tfidf() {
        return this == TFIDF || this == TFIDF_OOV;
    }
}
