package io.callsight.nlp.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class VocabularyCorrectorTest {
    private final VocabularyCorrector c = new VocabularyCorrector(List.of("Nova Telecom", "Xfinity", "Verizon",
            "Unlimited Plus", "Nova", "TV", "信用卡"));

    @Test
    void correctsPhoneticWindowsToVocabulary() {
        VocabularyCorrector.Result r = c.correct("some know the telecom customer");
        assertEquals("some Nova Telecom customer", r.text());
        assertEquals(List.of(new VocabularyCorrector.Correction("know the telecom", "Nova Telecom", 5, 21)), r.corrections());
        assertEquals("I moved to Verizon", c.correct("I moved to very zon").text());
        assertEquals("the Unlimited Plus plan", c.correct("the unlimited plas plan").text());
        assertEquals("我的信用卡丢了", c.correct("我的信用咖丢了").text());
    }

    @Test
    void leavesCommonWordsAlone() {
        for (String s : List.of("I know the answer", "no I don't know", "I'm over it", "there is a new offer",
                "please tell me", "the line was fine", "it was very soon", "I have a nova question", "I know")) {
            VocabularyCorrector.Result r = c.correct(s);
            assertEquals(s, r.text(), s);
            assertEquals(List.of(), r.corrections(), s);
        }
    }

    @Test
    void exactMatchesAreNotRewrittenUnlessFixingCase() {
        assertEquals(List.of(), c.correct("I have nova telecom").corrections());
        VocabularyCorrector cased = new VocabularyCorrector(List.of("Nova Telecom"), true);
        assertEquals("I have Nova Telecom", cased.correct("I have nova telecom").text());
    }

    @Test
    void tooShortTermsAreIgnored() {
        assertEquals("a tea vee", c.correct("a tea vee").text());
    }
}
