package io.callsight.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {
    private static final WordPieceTokenizer TOK = new WordPieceTokenizer(Map.ofEntries(Map.entry("[UNK]", 0), Map.entry("[CLS]", 1),
            Map.entry("[SEP]", 2), Map.entry("un", 3), Map.entry("##aff", 4), Map.entry("##able", 5), Map.entry("cafe", 6),
            Map.entry(",", 7), Map.entry("!", 8), Map.entry("hello", 9), Map.entry("$", 10), Map.entry("5", 11), Map.entry("银", 12),
            Map.entry("行", 13)));

    @Test
    void normalizesAndSplitsLikeBertUncased() {
        assertEquals(List.of("hello", ",", "cafe", "!"), WordPieceTokenizer.words("Hello,\tCAFÉ!"));
        assertEquals(List.of("pay", "$", "5", "银", "行"), WordPieceTokenizer.words("pay $5银行"));
        assertEquals(List.of("don", "'", "t"), WordPieceTokenizer.words("don't\u0000"));
    }

    @Test
    void aCasedVocabularyKeepsCaseAndAccents() {
        assertEquals(List.of("Café", "!"), WordPieceTokenizer.words("Café!", false, false));
        WordPieceTokenizer cased = new WordPieceTokenizer(Map.of("[UNK]", 0, "[CLS]", 1, "[SEP]", 2, "Hello", 3, "hello", 4), false, false);
        assertEquals(List.of(3, 4), cased.ids("Hello hello"));
    }

    @Test
    void greedyLongestMatchWordPiecesAndUnknownWholeWords() {
        assertEquals(List.of(3, 4, 5), TOK.ids("unaffable"));
        assertEquals(List.of(9, 7, 6, 8), TOK.ids("Hello, café!"));
        // "unaffx": "un" + "##aff" fit but "x" does not, so the whole word is [UNK], not a partial segmentation
        assertEquals(List.of(0, 9), TOK.ids("unaffx hello"));
        assertEquals(List.of(0), TOK.ids("a".repeat(101)));
    }

    @Test
    void realVocabularyMatchesBertIds() throws Exception {
        WordPieceTokenizer real = WordPieceTokenizer.load(SentenceEncoders.locate(SentenceEncoder.DEFAULT).resolve("model-tokenizer.json"));
        // bert-base-uncased ids, which bge-small-en-v1.5 shares
        assertEquals(List.of(7592, 1010, 2088, 999), real.ids("Hello, world!"));
        assertEquals(101, real.clsId());
        assertEquals(102, real.sepId());
    }
}
