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

    // ------------------------------------------------------------------ numbers as a recognizer writes them

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // homophones inside a read-out are digits (the demo call's policy number)
            "my policy number is for four seven one zero nine to sixty eight|my policy number is [DIGITS]",
            "account won two three four five six seven|account [DIGITS]",
            "it's five five five ate too one oh nine nine seven|it's [PHONE]",
            "the number is three four ate five four seven to you|the number is [DIGITS] to you",
            // fillers and pauses between groups
            "it's four five six, uh, seven two nine thanks|it's [DIGITS] thanks",
            "card four one one one um one one one one er one one one one uh one one one one|card [CARD]",
            // "and" between groups, a final "for" that is not followed by what "for" takes
            "account four five six and seven eight nine|account [DIGITS]",
            "member number two two three eight nine nine seven for yes|member number [DIGITS] yes",
            // digits and number words mixed
            "my member number is 4 five 6 seven 8 nine|my member number is [DIGITS]",
            "call me on 555 one two three 4567|call me on [PHONE]",
            // pairs and "double"
            "reference sixty eight twenty one forty five|reference [DIGITS]",
            "it's double five seven one two three nine|it's [DIGITS]",
            // a read-out cut by the end of the utterance: removed however short, the rest may follow
            "my policy number is four seven one|my policy number is [DIGITS]",
            "so that's four five six, uh, seven two|so that's [DIGITS]",
            "it's four one one one uh|it's [DIGITS] uh",
    })
    void numbersReadOut(String in, String expected) {
        assertEquals(expected, all.redact(in).text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "i was born on the third of march nineteen eighty four|i was born on [DOB]",
            "date of birth 03/04/1984|date of birth [DOB]",
            "my birthday is march third eighty four|my birthday is [DOB]",
            "dob is oh three oh four eighty four|dob is [DOB]",
            "birthday's 9/16/43|birthday's [DOB]",
            "i was born in nineteen seventy two so|i was born in [DOB] so",
            "my birth date is the twenty first of june two thousand and one thanks|my birth date is [DOB] thanks",
            // a full date decades back is a birth date even without the cue (the question was on the agent's track)
            "it's july twelfth nineteen forty eight|it's [DOB]",
    })
    void datesOfBirth(String in, String expected) {
        Redaction r = all.redact(in);
        assertEquals(expected, r.text());
        assertEquals(PiiCategory.DOB, r.spans().get(0).category());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // amounts
            "i was charged two hundred dollars last month", "it was $45.50", "that's forty five pounds a month",
            "the phone costs forty nine ninety nine", "a hundred and twenty euros",
            // times
            "can you call me back at four thirty", "i'll be home by ten am", "from eight thirty to five thirty",
            "the engineer comes between nine and five", "ring me at 8:30 pm",
            // counts and durations
            "i've called two or three times", "i have four kids", "i waited for two hours", "for two weeks",
            "it takes two to three business days", "i've been a customer since nineteen ninety seven",
            "between twenty to thirty five for two weeks",
            // dates that are not birth dates
            "the payment is due on the third of march", "my contract ends on march third twenty twenty six",
            "i cancelled on 03/04/2025", "the outage started on 2025-03-04",
            // house numbers and other small numbers
            "i live at one two three main street", "the address is fourteen fifty elm road",
            "i'm on the fifty five plan", "press one for billing", "pin four five six",
    })
    void ordinaryNumbersStay(String in) {
        assertEquals(in, all.redact(in).text());
    }

    @Test
    void aHeldUtteranceLosesItsPartOfANumberTheNextUtteranceCompletes() {
        String first = "it's five four", second = "three two one one eight seven thanks";
        assertTrue(Redactor.awaitsNext(first, all.redact(first, TrackTail.NONE)),
                "ends with digits the redaction left in: the job holds it for the next utterance");
        assertFalse(Redactor.awaitsNext("can i have your account number please", all.redact("can i have your account number please")),
                "a question ending with a cue has nothing to remove: it goes at once");
        assertFalse(Redactor.awaitsNext("yes it's four one one one one one one one one one one one one one one one",
                all.redact("yes it's four one one one one one one one one one one one one one one one")),
                "digits already removed: nothing to wait for");
        assertEquals("it's [DIGITS]", all.redact(first, TrackTail.NONE, second).text());
        assertEquals("[DIGITS] thanks", all.redact(second, TrackTail.of(first, 0), "").text());
        assertEquals("it's five four", all.redact(first, TrackTail.NONE, "no that's all").text(),
                "what follows shows it was a complete, short number");
    }

    @Test
    void aShortUncuedReadOutIsRemovedWhileItMayGoOnAndKeptWhenComplete() {
        String code = "yeah it's two two four five";
        assertEquals("yeah it's [DIGITS]", all.redact(code).text(), "may go on: removed to be safe");
        assertEquals(code, all.redact(code, TrackTail.NONE, "").text(), "nothing followed: four digits are no one's number");
        String extension = "they gave me extension two two four five";
        assertEquals(extension, all.redact(extension).text(), "an extension identifies no one, even if it went on");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the card is four nine one six no sorry four nine one seven two two three three four four five five six six one one|the card is [DIGITS] no sorry [DIGITS]",
            "it's two two nine one let me check seven oh four yeah that's it|it's [DIGITS] let me check [DIGITS] yeah that's it",
            "call me back at four thirty no sorry five thirty please|call me back at four thirty no sorry five thirty please",
            "it was seven hundred no sorry seven hundred forty for the flight|it was seven hundred no sorry seven hundred forty for the flight",
    })
    void piecesOfANumberAroundACorrectionAreJudgedTogether(String in, String expected) {
        assertEquals(expected, all.redact(in, TrackTail.NONE, "").text());
    }

    @Test
    void aPauseForThoughtAfterANumberCarriesIntoTheNextUtterance() {
        String first = "the policy is two one six five let me just check";
        assertTrue(Redactor.awaitsNext(first, all.redact(first, TrackTail.NONE)), "digits left in before a pause for thought");
        String second = "nine zero three";
        assertEquals("the policy is [DIGITS] let me just check", all.redact(first, TrackTail.NONE, second).text());
        assertEquals("[DIGITS]", all.redact(second, TrackTail.of(first, 0), "").text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "my national insurance is q r one two four eight six seven c|my national insurance is [DIGITS]",
            "the member id printed on the back is m two four four nine one eight three oh|the member id printed on the back is [DIGITS]",
            "policy number won to ate ate for six too oh|policy number [DIGITS]",
            "you want the last four it's oh nine three seven|you want the last four it's [DIGITS]",
            "it is a four five six seven eight nine|it is a [DIGITS]",
    })
    void identifiersWithLettersHomophonesOrLastFour(String in, String expected) {
        assertEquals(expected, all.redact(in, TrackTail.NONE, "").text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "i was born in december eighty three|i was born in [DOB]",
            "uh the date of birth on the account is april uh twenty sixth nineteen sixty eight|uh the date of birth on the account is [DOB]",
            "date of birth fifth of the sixth eighty seven|date of birth [DOB]",
            "my son was born april let me check the eleventh twenty ten|my son was born [DOB] let me check [DOB]",
            "birth date oh ate too for nineteen sixty too|birth date [DOB]",
            "my birthday is coming up in two weeks|my birthday is coming up in two weeks",
            "my late husband opened the account on the second of may nineteen ninety|my late husband opened the account on the second of may nineteen ninety",
            "it's the second of may nineteen ninety|it's [DOB]",
    })
    void datesOfBirthAsSpokenInCalls(String in, String expected) {
        assertEquals(expected, all.redact(in, TrackTail.NONE, "").text());
    }

    @Test
    void aNumberSplitAcrossTwoUtterancesIsRemovedFromTheSecond() {
        String first = "yeah it's four seven";
        Redaction r1 = all.redact(first, TrackTail.NONE);
        assertEquals(first, r1.text(), "two digits alone are not a personal number: already published as they are");
        Redaction r2 = all.redact("one zero nine two six eight thanks", TrackTail.of(first, 4_000));
        assertEquals("[DIGITS] thanks", r2.text());
        assertEquals("one zero nine two six eight", r2.spans().get(0).text(), "spans index the current utterance");

        assertEquals("one zero nine two thanks", all.redact("one zero nine two thanks").text(), "without the tail: four digits");
        assertEquals("[DIGITS]", all.redact("then five three six", TrackTail.of("the card number is five ate zero", 0)).text(),
                "\"then\" joins the two parts, and goes with them");
    }

    @Test
    void theCueInThePreviousUtteranceCarriesOver() {
        assertEquals("[DOB]", all.redact("march third eighty four", TrackTail.of("my date of birth is", 0)).text());
        assertEquals("[CARD]", all.redact("four one one one one one one one one one one one one one one one",
                TrackTail.of("my card number is", 0)).text());
    }

    @Test
    void ordinaryNumbersInTwoUtterancesStayApart() {
        assertEquals("two days ago", all.redact("two days ago", TrackTail.of("it happened at four thirty", 0)).text());
        assertEquals("four of us", all.redact("four of us", TrackTail.of("we have three kids", 0)).text());
    }

    @Test
    void theTailHoldsTheTrailingReadOutAndItsCue() {
        TrackTail t = TrackTail.of("hello there i'm calling about my policy the number is four seven one", 9_000);
        assertEquals("my policy the number is four seven one", t.text(), "the run and five words before it");
        assertEquals(9_000, t.endMs());
        assertEquals(t, t.continuedAt(10_000));
        assertTrue(t.continuedAt(9_000 + TrackTail.MAX_PAUSE_MS + 1).isEmpty(), "a long pause ends the number");
        assertEquals(TrackTail.NONE, TrackTail.of("", 0));
    }

    @Test
    void dateOfBirthIsACategoryOfItsOwn() {
        assertEquals(java.util.Optional.of(PiiCategory.DOB), PiiCategory.fromName("dob"));
        assertEquals(java.util.Optional.of(PiiCategory.DOB), PiiCategory.fromName("date_of_birth"));
        assertTrue(RedactionPolicy.all().covers(PiiCategory.DOB), "on by default");
        String text = "i was born on the third of march nineteen eighty four";
        assertEquals(text, new Redactor(RedactionPolicy.of(PiiCategory.CARD)).redact(text).text());
    }

    @Test
    void overlappingFindsMergeIntoOneSpan() {
        // the extractor's phone covers part of the read-out, the read-out all of it: nothing of it may stay
        Redaction r = all.redact("call me on for five five five one two three four five six seven please");
        assertEquals("call me on [PHONE] please", r.text());
        assertEquals(1, r.spans().size());
    }
}
