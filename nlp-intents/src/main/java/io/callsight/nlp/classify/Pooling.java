package io.callsight.nlp.classify;

/**
 * How {@link HashedBagModel} pools an utterance's n-gram embedding rows: {@code MEAN} (1/n each), {@code IDF}
 * (idf-weighted mean, {@code idf_r / Σ idf}) or {@code TFIDF} (the TF-IDF vector itself: per distinct row
 * {@code (1 + ln tf)·idf}, L2-normalized over the utterance, as the linear baseline weighs its features).
 */
public enum Pooling {
    MEAN, IDF, TFIDF
}
