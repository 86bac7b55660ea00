package io.callsight.asr.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {

    @Test
    void normalizesCasePunctuationHyphensAndQuotes() {
        assertEquals(List.of("the", "gutenberg", "or", "forty", "two", "line", "bible", "of", "about", "1455"),
                WordErrorRate.normalize("the Gutenberg, or \"forty-two line Bible\" of about 1455,"));
        assertEquals(List.of("it's", "the", "printer's", "art"), WordErrorRate.normalize("'It’s the printer's art.'"));
        assertEquals(List.of(), WordErrorRate.normalize(" ... "));
    }

    @Test
    void countsSubstitutionsDeletionsAndInsertions() {
        assertEquals(0, WordErrorRate.score("a b c d", "a b c d").errors());
        assertEquals(1, WordErrorRate.score("a b c d", "a x c d").errors());
        assertEquals(1, WordErrorRate.score("a b c d", "a c d").errors());
        assertEquals(1, WordErrorRate.score("a b c d", "a b b c d").errors());
        assertEquals(4, WordErrorRate.score("a b c d", "").errors());
        assertEquals(3, WordErrorRate.score("", "x y z").errors());
        assertEquals(2, WordErrorRate.score("a b c d", "b a c d").errors()); // no transpositions
        assertEquals(new WordErrorRate.Score(3, 8),
                WordErrorRate.score("a b c d", "a x c d").plus(WordErrorRate.score("e f g h", "e h")));
    }

    @Test
    void werIsRelativeToTheReferenceLength() {
        assertEquals(0.0, WordErrorRate.of("Hello, World!", "hello world"));
        assertEquals(0.5, WordErrorRate.of("hello world", "hello"));
        assertEquals(1.5, WordErrorRate.of("hello world", "goodbye cruel planet"));
        assertEquals(1.0, WordErrorRate.of("", "x"), "insertions against nothing count as all wrong");
        assertEquals(0.0, WordErrorRate.of("", ""));
    }
}
