package io.callsight.nlp.text;

import java.util.List;

/** What classifiers see: a list of word tokens. English: normalized words; Chinese: HanLP segments. */
public interface Tokenizer {
    List<String> tokenize(String text);

    /** English words after {@link Normalizer} (numbers as digits). */
    static Tokenizer english() {
        Normalizer n = new Normalizer();
        return text -> n.tokens(text).stream().map(Token::text).toList();
    }

    /** HanLP segments for Han runs, lowercased words for everything else. */
    static Tokenizer chinese() {
        return ChineseText::words;
    }

    /** Picks per utterance by script share: Chinese (or mixed) text is segmented, English normalized. */
    static Tokenizer auto() {
        LanguageDetector detector = new LanguageDetector();
        Tokenizer en = english(), zh = chinese();
        return text -> switch (detector.detect(text)) {
            case ZH, MIXED -> zh.tokenize(text);
            default -> en.tokenize(text);
        };
    }

    static Tokenizer forLanguage(Language language) {
        return switch (language) {
            case EN -> english();
            case ZH -> chinese();
            case MIXED, UNKNOWN -> auto();
        };
    }
}
