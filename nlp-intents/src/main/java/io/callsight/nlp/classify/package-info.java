/**
 * Text classification runtime (pure Java, no DJL): hashed word/char n-gram features ({@link
 * io.callsight.nlp.classify.NgramFeaturizer} behind {@link io.callsight.nlp.classify.TextTokenizer}), the
 * DJL-trained embedding-bag model's inference ({@link io.callsight.nlp.classify.HashedBagModel}), the TF-IDF
 * logistic-regression baseline, temperature calibration + out-of-scope threshold, and the versioned per-tenant
 * {@link io.callsight.nlp.classify.ModelStore}.
 */
package io.callsight.nlp.classify;
