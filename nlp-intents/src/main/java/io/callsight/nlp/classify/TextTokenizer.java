package io.callsight.nlp.classify;

import java.util.List;

/**
 * Splits text into word tokens for the classifiers. Kept deliberately small and behind this interface so the
 * shared {@code io.callsight.nlp.text} tokenizer can replace {@link BasicTokenizer} later.
 */
public interface TextTokenizer {
    List<Token> tokenize(String text);
}
