package io.callsight.nlp.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's tokenizer as a Hugging Face {@code tokenizer.json} describes it (BertNormalizer + BertPreTokenizer
 * + WordPiece): lower-case and strip accents if the normalizer says so (the English models do, the Chinese ones
 * do neither), space out CJK characters, split on whitespace and punctuation, then
 * greedy longest-match word pieces ({@code ##} continuations); a word with no segmentation becomes {@code [UNK]}.
 * Plain Java, so the encoder needs no second native library.
 */
public final class WordPieceTokenizer {
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocab;
    private final int unk;
    private final int cls;
    private final int sep;
    private final boolean lowercase;
    private final boolean stripAccents;

    WordPieceTokenizer(Map<String, Integer> vocab) {
        this(vocab, true, true);
    }

    WordPieceTokenizer(Map<String, Integer> vocab, boolean lowercase, boolean stripAccents) {
        this.vocab = Map.copyOf(vocab);
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.unk = id("[UNK]");
        this.cls = id("[CLS]");
        this.sep = id("[SEP]");
    }

    private int id(String special) {
        Integer i = vocab.get(special);
        if (i == null) {
            throw new IllegalArgumentException("vocabulary has no " + special);
        }
        return i;
    }

    /** Reads the WordPiece vocabulary of a Hugging Face {@code tokenizer.json}. */
    public static WordPieceTokenizer load(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        JsonNode model = root.path("model");
        JsonNode norm = root.path("normalizer");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException(tokenizerJson + ": not a WordPiece tokenizer (model.type = " + model.path("type").asText() + ")");
        }
        Map<String, Integer> vocab = new HashMap<>();
        model.path("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        boolean lowercase = norm.path("lowercase").asBoolean(true);
        // BertNormalizer: strip_accents null means "as lowercase"
        boolean strip = norm.path("strip_accents").isBoolean() ? norm.get("strip_accents").asBoolean() : lowercase;
        return new WordPieceTokenizer(vocab, lowercase, strip);
    }

    public int clsId() {
        return cls;
    }

    public int sepId() {
        return sep;
    }

    /** Word-piece ids of {@code text}, without [CLS]/[SEP]. */
    public List<Integer> ids(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : words(text, lowercase, stripAccents)) {
            pieces(word, ids);
        }
        return ids;
    }

    /** Normalized, pre-tokenized words of an uncased model: what WordPiece segments. */
    static List<String> words(String text) {
        return words(text, true, true);
    }

    static List<String> words(String text, boolean lowercase, boolean stripAccents) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        s = stripAccents ? Normalizer.normalize(s, Normalizer.Form.NFD) : s;
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if ((stripAccents && type == Character.NON_SPACING_MARK) || cp == 0 || cp == 0xFFFD || (Character.isISOControl(cp) && !Character.isWhitespace(cp))) {
                continue; // accents (after NFD) and control characters are dropped
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                flush(cur, words);
            } else if (isPunctuation(cp, type) || isCjk(cp)) {
                flush(cur, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                cur.appendCodePoint(cp);
            }
        }
        flush(cur, words);
        return words;
    }

    private void pieces(String word, List<Integer> out) {
        if (word.length() > MAX_WORD_CHARS) {
            out.add(unk);
            return;
        }
        int mark = out.size();
        for (int start = 0; start < word.length(); ) {
            Integer id = null;
            int end = word.length();
            for (; end > start; end--) {
                id = vocab.get(start > 0 ? "##" + word.substring(start, end) : word.substring(start, end));
                if (id != null) {
                    break;
                }
            }
            if (id == null) { // no piece fits: the whole word is unknown
                out.subList(mark, out.size()).clear();
                out.add(unk);
                return;
            }
            out.add(id);
            start = end;
        }
    }

    private static void flush(StringBuilder cur, List<String> words) {
        if (cur.length() > 0) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    /** BERT counts every ASCII non-alphanumeric symbol as punctuation, plus Unicode's P* categories. */
    private static boolean isPunctuation(int cp, int type) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION || type == Character.START_PUNCTUATION
                || type == Character.END_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION || type == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
