package io.callsight.nlp.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PhraseMatcherTest {
    private static PhraseMatcher matcher(String group, String... phrases) {
        return new PhraseMatcher(java.util.Arrays.stream(phrases).map(p -> new PhraseMatcher.Phrase(group, p)).toList());
    }

    @Test
    void exactMatchWithSpans() {
        String text = "Well, I want to CANCEL my contract today.";
        List<KeywordHit> hits = matcher("reasons", "cancel my contract").find(text);
        assertEquals(List.of(new KeywordHit("reasons", "cancel my contract", "CANCEL my contract", 16, 34, MatchKind.EXACT)), hits);
    }

    @Test
    void phoneticMatchesAsrErrors() {
        PhraseMatcher m = matcher("products", "Nova Telecom", "Verizon", "thank you for calling");
        assertEquals(MatchKind.PHONETIC, single(m.find("I switched to very zon last year")).kind());
        assertEquals("very zon", single(m.find("I switched to very zon last year")).matchedText());
        assertEquals("know the telecom", single(m.find("this is know the telecom support")).matchedText());
        assertEquals("thank you for coling", single(m.find("thank you for coling")).matchedText());
        assertEquals("Verizen", single(m.find("Verizen")).matchedText());
        // brand names the recognizer split into common words (heard on the demo calls)
        assertEquals("at me bank", single(matcher("g", "Acme Bank").find("thank you for calling at me bank this call")).matchedText());
        assertEquals("she on insurance", single(matcher("g", "Shield Insurance").find("she on insurance claims department"))
                .matchedText());
    }

    @Test
    void noFalsePositivesOnCommonSpeech() {
        PhraseMatcher m = matcher("g", "Nova Telecom", "Verizon", "angry", "damn", "Comcast", "no signal");
        for (String s : List.of("I know the answer", "there is a very good reason", "and then we went home",
                "the dam was broken", "come back fast", "I hungry", "it's the same thing", "nothing else")) {
            assertEquals(List.of(), m.find(s), s);
        }
        // a demo call's agent asking for the account number is not a guarantee
        PhraseMatcher compliance = matcher("guarantees", "i guarantee", "i promise you");
        assertEquals(List.of(), compliance.find("can i have your account number please"));
        assertEquals(MatchKind.PHONETIC, single(compliance.find("i garantee it")).kind());
    }

    @Test
    void shortKeysNeedExactSounds() {
        PhraseMatcher m = matcher("emotions", "angry");
        assertEquals(MatchKind.PHONETIC, single(m.find("I'm so angree")).kind());
        assertEquals(List.of(), m.find("I'm so hungry"));
    }

    @Test
    void chineseHomophonesViaPinyin() {
        PhraseMatcher m = matcher("products", "信用卡", "中国移动");
        List<KeywordHit> hits = m.find("我的信用咖丢了，我用的是中国一动");
        assertEquals(2, hits.size(), hits.toString());
        assertEquals(new KeywordHit("products", "信用卡", "信用咖", 2, 5, MatchKind.PHONETIC), hits.get(0));
        assertEquals("中国一动", hits.get(1).matchedText());
        assertEquals(MatchKind.EXACT, single(m.find("办信用卡")).kind());
        assertEquals(List.of(), m.find("我想办理业务"));
    }

    @Test
    void weightedDistance() {
        assertEquals(0.5, PhraseMatcher.distance("N0", "NF"));
        assertEquals(1.0, PhraseMatcher.distance("NK", "NF"));
        assertEquals(2.0, PhraseMatcher.distance("", "AB"));
        assertEquals(List.of("zon", "si", "nan"), PhraseMatcher.fuzzy(List.of("zhong", "shi", "lan")));
    }

    private static KeywordHit single(List<KeywordHit> hits) {
        assertEquals(1, hits.size(), hits.toString());
        return hits.get(0);
    }

    @Test
    void sameSoundMatchersTakeHomophonesButNotNearMisses() {
        PhraseMatcher strict = PhraseMatcher.sameSound(List.of(new PhraseMatcher.Phrase("g", "i guarantee"),
                new PhraseMatcher.Phrase("g", "you should have known")));
        // what Vosk heard on the demo calls' agent tracks: close in sound, innocent in meaning
        assertEquals(List.of(), strict.find("we can give you a credit for the days"));
        assertEquals(List.of(), strict.find("you should have been charged less"));
        assertEquals(MatchKind.EXACT, single(strict.find("I guarantee it")).kind());
        assertEquals(MatchKind.PHONETIC, single(strict.find("i guaranty it")).kind());
        // the tolerant matcher, for keywords and must-say phrases, still takes the near miss
        assertEquals(MatchKind.PHONETIC, single(matcher("g", "you should have known").find("you should have been")).kind());
    }
}
