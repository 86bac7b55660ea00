package io.callsight.nlp.redaction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RedactorTest {
    private final Redactor all = new Redactor(RedactionPolicy.all());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "my card is 4111 1111 1111 1111 thanks|my card is [CARD] thanks",
            "card 4111-1111-1111-1111|card [CARD]",
            "four one one one one one one one one one one one one one one one|[CARD]",
            "it's 4111 one one one one 1111 one one one one|it's [CARD]",
            "call me on (555) 123-4567 please|call me on [PHONE] please",
            "five five five one two three four five six seven|[PHONE]",
            "write to john.smith@example.com|write to [EMAIL]",
            "it's john dot smith at example dot com ok|it's [EMAIL] ok",
            "ssn 123-45-6789|ssn [SSN]",
            "NI number AB 12 34 56 C|NI number [NI_NUMBER]",
            "身份证号11010519491231002X谢谢|身份证号[CN_ID]谢谢",
            "my member id is four five six seven eight nine|my member id is [DIGITS]",
            "the code is 482913|the code is [DIGITS]",
            "a table for two at 7 pm|a table for two at 7 pm",
            "on 2025-03-04 I paid $1,250,000.00|on 2025-03-04 I paid $1,250,000.00",
            "twenty five dollars on March the fourth|twenty five dollars on March the fourth",
            "pin four five six|pin four five six",
    })
    void redacts(String in, String expected) {
        assertEquals(expected, all.redact(in).text());
    }

    @Test
    void luhnInvalidSixteenDigitsIsNotACardButIsADigitRun() {
        Redaction r = all.redact("number 4111 1111 1111 1112");
        assertEquals("number [DIGITS]", r.text());
        assertEquals(PiiCategory.DIGIT_RUN, r.spans().get(0).category());
        Redaction cardsOnly = new Redactor(RedactionPolicy.of(PiiCategory.CARD)).redact("number 4111 1111 1111 1112");
        assertEquals("number 4111 1111 1111 1112", cardsOnly.text());
    }

    @Test
    void invalidNationalIdsStay() {
        assertEquals("ssn 000-12-3456", all.redact("ssn 000-12-3456").text().replace("[DIGITS]", "000-12-3456"));
        assertTrue(all.redact("id 110105194912310021").spans().stream().noneMatch(s -> s.category() == PiiCategory.CN_RESIDENT_ID));
        assertTrue(new Redactor(RedactionPolicy.of(PiiCategory.UK_NI)).redact("GB 12 34 56 A").spans().isEmpty());
    }

    @Test
    void spansPointAtOriginalText() {
        String text = "card 4111 1111 1111 1111 or call 555-123-4567";
        Redaction r = all.redact(text);
        assertEquals(List.of(PiiCategory.CARD, PiiCategory.PHONE), r.spans().stream().map(PiiSpan::category).toList());
        for (PiiSpan s : r.spans()) assertEquals(s.text(), text.substring(s.start(), s.end()));
        assertEquals("card [CARD] or call [PHONE]", r.text());
    }

    @Test
    void overlappingMatchesKeepTheStrongest() {
        // The SSN's digits also form a 9-digit run; the e-mail contains a digit run.
        Redaction r = all.redact("ssn 123-45-6789 mail jo123456@example.com");
        assertEquals("ssn [SSN] mail [EMAIL]", r.text());
        assertEquals(2, r.spans().size());
    }

    @Test
    void policyDecidesCategories() {
        Redactor phonesOnly = new Redactor(RedactionPolicy.of(PiiCategory.PHONE));
        assertEquals("[PHONE] and 4111 1111 1111 1111", phonesOnly.redact("555-123-4567 and 4111 1111 1111 1111").text());
        Redactor digitsOnly = new Redactor(RedactionPolicy.of(PiiCategory.DIGIT_RUN));
        assertEquals("[DIGITS]", digitsOnly.redact("555-123-4567").text());
        assertThrows(IllegalArgumentException.class, () -> RedactionPolicy.fromNames(List.of("card", "shoe"), 6));
        assertTrue(RedactionPolicy.fromNames(List.of("card", "ni_number"), 6).covers(PiiCategory.UK_NI));
    }
}
