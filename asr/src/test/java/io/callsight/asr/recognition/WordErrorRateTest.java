package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        List<String> ref = List.of("a", "b", "c", "d");
        assertEquals(0, WordErrorRate.editDistance(ref, List.of("a", "b", "c", "d")));
        assertEquals(1, WordErrorRate.editDistance(ref, List.of("a", "x", "c", "d")));
        assertEquals(1, WordErrorRate.editDistance(ref, List.of("a", "c", "d")));
        assertEquals(1, WordErrorRate.editDistance(ref, List.of("a", "b", "b", "c", "d")));
        assertEquals(4, WordErrorRate.editDistance(ref, List.of()));
        assertEquals(3, WordErrorRate.editDistance(List.of(), List.of("x", "y", "z")));
        assertEquals(2, WordErrorRate.editDistance(ref, List.of("b", "a", "c", "d"))); // no transpositions
    }

    @Test
    void werIsRelativeToTheReferenceLength() {
        assertEquals(0.0, WordErrorRate.wer("Hello, World!", "hello world"));
        assertEquals(0.5, WordErrorRate.wer("hello world", "hello"));
        assertEquals(1.5, WordErrorRate.wer("hello world", "goodbye cruel planet"));
        assertThrows(IllegalArgumentException.class, () -> WordErrorRate.wer("", "x"));
    }
}
