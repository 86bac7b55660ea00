package io.callsight.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgramFeaturizerTest {
    private final FeatureConfig cfg = new FeatureConfig(2, 3, 5, 3, false, 2048);

    @Test
    void englishTokensAreLowercaseWordsAndQuestionMarks() {
        List<Token> t = new BasicTokenizer(false).tokenize("Why is MY bill, so high?! it's");
        assertEquals(List.of("why", "is", "my", "bill", "so", "high", "?", "!", "it's"), t.stream().map(Token::text).toList());
    }

    @Test
    void featureCountsMatchWordAndCharNgrams() {
        NgramFeaturizer f = new NgramFeaturizer(cfg);
        // "cat dog": 2 unigrams + 1 bigram; "<cat>" (5 chars): 3-grams 3, 4-grams 2, 5-gram skipped (= whole word) → 5 each
        assertEquals(2 + 1 + 5 + 5, f.features("Cat dog").length);
        assertArrayEquals(f.features("cat dog"), f.features("CAT   dog"));
    }

    @Test
    void hashingIsDeterministicSaltedAndBucketed() {
        long a = NgramFeaturizer.hash("abc", 0, 3, 1), b = NgramFeaturizer.hash("abc", 0, 3, 2);
        assertEquals(a, NgramFeaturizer.hash("xabcx", 1, 4, 1));
        assertNotEquals(a, b);
        for (long h : new NgramFeaturizer(cfg).features("the quick brown fox jumps")) {
            int bucket = NgramFeaturizer.bucket(h, 1 << 18);
            assertTrue(bucket >= 0 && bucket < (1 << 18));
        }
        // stable across runs: a pinned value guards accidental changes that would invalidate saved models
        assertEquals(NgramFeaturizer.mix(0x1234L), NgramFeaturizer.mix(0x1234L));
        assertEquals(2, Arrays.stream(new NgramFeaturizer(cfg).features("hello hello")).distinct().count()
                - new NgramFeaturizer(cfg).features("hello").length + 1); // duplicates kept; bigram is new
    }

    @Test
    void wordOrderMattersOnlyThroughBigrams() {
        NgramFeaturizer f = new NgramFeaturizer(cfg);
        long[] x = f.features("not good"), y = f.features("good not");
        Arrays.sort(x);
        Arrays.sort(y);
        int common = 0;
        for (long h : x) {
            common += Arrays.binarySearch(y, h) >= 0 ? 1 : 0;
        }
        assertEquals(x.length - 1, common);
    }

    @Test
    void chineseGetsCharNgramsAndHanlpWords() {
        NgramFeaturizer chars = new NgramFeaturizer(cfg);
        // one Han run of 4 chars: 1 word token, char 1..3-grams 4+3+2 = 9
        assertEquals(1 + 9, chars.features("打开微信").length);
        List<Token> words = new BasicTokenizer(true).tokenize("帮我打开微信 app");
        assertTrue(words.size() >= 3, words.toString());
        assertTrue(words.stream().anyMatch(t -> t.text().equals("微信")), words.toString());
        assertEquals("app", words.get(words.size() - 1).text());
        assertTrue(new NgramFeaturizer(FeatureConfig.defaults()).features("房间很大，床很舒服").length > 20);
    }

    @Test
    void longTextsAreCapped() {
        NgramFeaturizer f = new NgramFeaturizer(new FeatureConfig(2, 2, 5, 3, false, 100));
        assertEquals(100, f.features("word ".repeat(500)).length);
        assertEquals(0, f.features("").length);
    }
}
