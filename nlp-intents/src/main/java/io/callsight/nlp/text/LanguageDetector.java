package io.callsight.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * English vs Chinese by script share. Contact-center transcripts come from per-language recognizers, so script is
 * a reliable signal; a statistical detector would only matter for Latin-script languages we don't serve.
 * Each Han character counts as one unit and each Latin word as one unit, because a Chinese character carries
 * roughly the content of an English word.
 */
public final class LanguageDetector {
    private final double mixedLow;
    private final double mixedHigh;

    /** Han share below 0.2 is English, above 0.8 Chinese, in between mixed. */
    public LanguageDetector() {
        this(0.2, 0.8);
    }

    public LanguageDetector(double mixedLow, double mixedHigh) {
        if (!(0 <= mixedLow && mixedLow <= mixedHigh && mixedHigh <= 1)) {
            throw new IllegalArgumentException("need 0 <= mixedLow <= mixedHigh <= 1");
        }
        this.mixedLow = mixedLow;
        this.mixedHigh = mixedHigh;
    }

    public Language detect(String text) {
        double share = hanShare(text);
        if (Double.isNaN(share)) return Language.UNKNOWN;
        if (share < mixedLow) return Language.EN;
        if (share > mixedHigh) return Language.ZH;
        return Language.MIXED;
    }

    /** Share of Han units among Han characters + Latin words; NaN when the text has neither. */
    public static double hanShare(String text) {
        if (text == null) return Double.NaN;
        int han = 0, latinWords = 0;
        boolean inLatin = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) {
                han++;
                inLatin = false;
            } else if (Character.isLetter(cp) || Character.isDigit(cp)) {
                if (!inLatin) latinWords++;
                inLatin = true;
            } else {
                inLatin = false;
            }
            i += Character.charCount(cp);
        }
        int total = han + latinWords;
        return total == 0 ? Double.NaN : (double) han / total;
    }

    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    public static boolean containsHan(String text) {
        return text != null && text.codePoints().anyMatch(LanguageDetector::isHan);
    }

    /** Splits text into alternating Han / non-Han runs covering the whole string. */
    public static List<ScriptRun> runs(String text) {
        List<ScriptRun> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            boolean han = isHan(text.codePointAt(i));
            int j = i;
            while (j < text.length() && isHan(text.codePointAt(j)) == han) {
                j += Character.charCount(text.codePointAt(j));
            }
            runs.add(new ScriptRun(text.substring(i, j), i, j, han));
            i = j;
        }
        return runs;
    }
}
