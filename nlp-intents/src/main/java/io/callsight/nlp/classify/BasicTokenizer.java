package io.callsight.nlp.classify;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import com.hankcs.hanlp.tokenizer.StandardTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Minimal tokenizer: runs of letters/digits (and apostrophes) become lowercase words; '!' and '?' are kept as
 * tokens; runs of Han characters are segmented with HanLP's standard segmenter (or, with {@code hanlp=false}, kept
 * as one run, which still gets char n-grams). HanLP sees only the Chinese runs (it turns spaces into tokens).
 */
public final class BasicTokenizer implements TextTokenizer {
    private static volatile Segment segment;
    private final boolean hanlp;

    public BasicTokenizer() {
        this(true);
    }

    public BasicTokenizer(boolean hanlp) {
        this.hanlp = hanlp;
    }

    @Override
    public List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        int i = 0, n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isHan(cp)) {
                flushWord(word, out);
                han.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp) || (cp == '\'' && (word.length() > 0 || (i < n && Character.isLetter(text.charAt(i)))))) {
                flushHan(han, out);
                word.appendCodePoint(Character.toLowerCase(cp));
            } else {
                flushWord(word, out);
                flushHan(han, out);
                if (cp == '!' || cp == '?' || cp == '！' || cp == '？') {
                    out.add(new Token(cp == '！' ? "!" : cp == '？' ? "?" : Character.toString(cp), false));
                }
            }
        }
        flushWord(word, out);
        flushHan(han, out);
        return out;
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static void flushWord(StringBuilder w, List<Token> out) {
        if (w.length() > 0) {
            out.add(new Token(w.toString().toLowerCase(Locale.ROOT), false));
            w.setLength(0);
        }
    }

    private void flushHan(StringBuilder h, List<Token> out) {
        if (h.length() == 0) {
            return;
        }
        String run = h.toString();
        h.setLength(0);
        if (!hanlp) {
            out.add(new Token(run, true));
            return;
        }
        for (Term t : segmenter().seg(run)) {
            if (!t.word.isBlank()) {
                out.add(new Token(t.word, true));
            }
        }
    }

    private static Segment segmenter() {
        Segment s = segment;
        if (s == null) {
            synchronized (BasicTokenizer.class) {
                if (segment == null) {
                    segment = StandardTokenizer.SEGMENT;
                }
                s = segment;
            }
        }
        return s;
    }
}
