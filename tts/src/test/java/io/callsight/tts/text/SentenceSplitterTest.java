package io.callsight.tts.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsAtPeriodsQuestionAndExclamationMarks() {
        assertEquals(List.of("Welcome to Acme Bank.", "How can I help?", "Great!", "Let's start."),
                SentenceSplitter.split("Welcome to Acme Bank. How can I help? Great! Let's start."));
    }

    @Test
    void titlesAndInitialsDoNotEndASentence() {
        assertEquals(List.of("Dr. Smith and Mrs. J. Jones will call you.", "Goodbye."),
                SentenceSplitter.split("Dr. Smith and Mrs. J. Jones will call you. Goodbye."));
    }

    @Test
    void decimalsAndAmountsStayWhole() {
        assertEquals(List.of("Your rate is 3.5 percent.", "The fee is $12.50."),
                SentenceSplitter.split("Your rate is 3.5 percent. The fee is $12.50."));
    }

    @Test
    void numberAbbreviationsContinueOnlyBeforeANumber() {
        assertEquals(List.of("Please call ext. 42 or room No. 7 today."),
                SentenceSplitter.split("Please call ext. 42 or room No. 7 today."));
        assertEquals(List.of("You said no.", "Then we are done."), SentenceSplitter.split("You said no. Then we are done."));
    }

    @Test
    void aLowerCaseNextWordContinuesTheSentence() {
        assertEquals(List.of("That takes approx. two days, e.g. until Friday."),
                SentenceSplitter.split("That takes approx. two days, e.g. until Friday."));
        assertEquals(List.of("Well... maybe tomorrow."), SentenceSplitter.split("Well... maybe tomorrow."));
    }

    @Test
    void punctuationRunsAndClosingQuotesStayWithTheirSentence() {
        assertEquals(List.of("Really?!", "He said \"stop.\"", "Then...", "Nothing."),
                SentenceSplitter.split("Really?! He said \"stop.\" Then... Nothing."));
    }

    @Test
    void tokensWithInnerPeriodsAreNotSplit() {
        assertEquals(List.of("Visit acme.com or call the U.S. office.", "Thanks."),
                SentenceSplitter.split("Visit acme.com or call the U.S. office. Thanks."));
    }

    @Test
    void aBlankLineEndsASentenceWithoutPunctuation() {
        assertEquals(List.of("Main menu", "Press one for balances."),
                SentenceSplitter.split("Main menu\n\nPress one for balances."));
    }

    @Test
    void whitespaceIsNormalizedAndEmptyInputGivesNoSentences() {
        assertEquals(List.of("One two.", "Three"), SentenceSplitter.split("  One\n two.   Three  "));
        assertEquals(List.of(), SentenceSplitter.split("   "));
        assertEquals(List.of(), SentenceSplitter.split(""));
    }

    @Test
    void aTextWithoutTerminalPunctuationIsOneSentence() {
        assertEquals(List.of("Thank you for calling"), SentenceSplitter.split("Thank you for calling"));
    }
}
