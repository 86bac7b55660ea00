package io.callsight.nlp.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class NormalizerTest {
    private final Normalizer n = new Normalizer();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Hello, World!|hello world",
            "I don't know, can't say.|i don't know can't say",
            "It’s fine|it's fine",
            "four five six|456",
            "twenty one|21",
            "one hundred and five|105",
            "double five|55",
            "triple seven two|7772",
            "five oh five|505",
            "oh I see|oh i see",
            "nineteen eighty four|1984",
            "two thousand twenty five|2025",
            "a hundred dollars|100 dollars",
            "twenty five thousand|25000",
            "4 5 six seven|4567",
            "(555) 123-4567|5551234567",
            "555.123.4567|5551234567",
            "it costs 3.5 and 25,000|it costs 3.5 and 25,000",
            "i want that one|i want that one",
            "one two three|123",
            "for two people|for 2 people",
            "zero zero seven|007",
            "I have twenty five and you have six|i have 25 and you have 6",
            "four, five, six|456",
    })
    void normalizes(String in, String expected) {
        assertEquals(expected, n.normalize(in));
    }

    @Test
    void ordinalsOnlyWhenEnabled() {
        assertEquals("march the fourth", n.normalize("March the fourth"));
        assertEquals("march the 4th", new Normalizer(true).normalize("March the fourth"));
        assertEquals("the 21st", new Normalizer(true).normalize("the twenty first"));
    }

    @Test
    void tokensKeepOriginalSpansAndGroups() {
        String text = "Call me at nine thirty, card four five six.";
        List<Token> tokens = n.tokens(text);
        Token time = tokens.stream().filter(t -> t.text().equals("930")).findFirst().orElseThrow();
        assertEquals("nine thirty", text.substring(time.start(), time.end()));
        assertEquals(List.of(9L, 30L), time.groups());
        assertTrue(time.spoken());
        Token card = tokens.get(tokens.size() - 1);
        assertEquals("456", card.text());
        assertEquals("four five six", text.substring(card.start(), card.end()));
        assertEquals(3, card.parts().size());
    }

    @Test
    void writtenPartsKeepTheirOwnSpans() {
        String text = "4111 1111 1111 1111";
        Token t = n.tokens(text).get(0);
        assertEquals("4111111111111111", t.text());
        assertEquals(4, t.parts().size());
        assertFalse(t.spoken());
        assertTrue(t.isDigitRun());
    }
}
