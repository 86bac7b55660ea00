package io.callsight.nlp.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chinese text through HanLP portable 1.8.6, which works offline from the jar alone:
 * <ul>
 *   <li>segmentation (viterbi + core dictionary) of Han runs only: HanLP turns spaces into "/w" tokens and
 *       mangles Latin words, so Latin runs are split on whitespace here instead;</li>
 *   <li>toneless pinyin for phonetic matching (ASR homophone errors);</li>
 *   <li>HMM role-tagging NER: Chinese person names (nr), places (ns), organizations (nt). Verified offline:
 *       王小明/张伟/李娜 → person, 北京市/上海/广州市天河区 → place, 华为技术有限公司 → organization; an
 *       organization written as place + generic noun ("中国移动公司", "中国工商银行") is NOT recognized as one.</li>
 * </ul>
 * Not available offline (the data package is not on Maven Central): perceptron and CRF analyzers,
 * {@code NLPTokenizer}, dependency parsing. Those calls log load failures and throw; this class never makes them.
 */
public final class ChineseText {
    /** A segment with its natures (HanLP POS tag, e.g. "nr" person, "ns" place, "nt" organization). */
    public record Segmented(String word, String nature, int start, int end) {}

    public enum NerType { PERSON, PLACE, ORGANIZATION }

    public record NamedEntity(NerType type, String text, int start, int end) {}

    // Segment instances are thread-safe for seg() once configured (HanLP keeps per-call state on the stack).
    private static final Segment PLAIN = HanLP.newSegment().enableOffset(true);
    private static final Segment NER = HanLP.newSegment().enableOffset(true)
            .enableNameRecognize(true).enablePlaceRecognize(true).enableOrganizationRecognize(true);

    private ChineseText() {}

    /** Segments Han runs with HanLP; non-Han runs become whitespace-separated words (lowercased). */
    public static List<Segmented> segment(String text) {
        return segment(text, PLAIN);
    }

    private static List<Segmented> segment(String text, Segment seg) {
        List<Segmented> out = new ArrayList<>();
        for (ScriptRun run : LanguageDetector.runs(text)) {
            if (run.han()) {
                for (Term t : seg.seg(run.text())) {
                    int s = run.start() + t.offset;
                    out.add(new Segmented(t.word, t.nature == null ? "" : t.nature.toString(), s, s + t.word.length()));
                }
            } else {
                var m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*").matcher(run.text());
                while (m.find()) {
                    out.add(new Segmented(m.group().toLowerCase(Locale.ROOT), "x", run.start() + m.start(),
                            run.start() + m.end()));
                }
            }
        }
        return out;
    }

    /** Segment words only (what classifiers consume). */
    public static List<String> words(String text) {
        return segment(text).stream().map(Segmented::word).toList();
    }

    /**
     * Toneless pinyin per character of {@code text}; non-Han characters map to themselves lowercased
     * (so indices line up with the input's code units for BMP text).
     */
    public static List<String> pinyinPerChar(String text) {
        List<Pinyin> py = HanLP.convertToPinyinList(text);
        List<String> out = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (LanguageDetector.isHan(c) && i < py.size() && py.get(i) != Pinyin.none5) {
                out.add(py.get(i).getPinyinWithoutTone());
            } else {
                out.add(String.valueOf(Character.toLowerCase(c)));
            }
        }
        return out;
    }

    /** Toneless pinyin of the Han characters, space separated: "中国移动" → "zhong guo yi dong". */
    public static String pinyin(String text) {
        StringBuilder sb = new StringBuilder();
        List<String> py = pinyinPerChar(text);
        for (int i = 0; i < text.length(); i++) {
            if (!LanguageDetector.isHan(text.charAt(i))) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(py.get(i));
        }
        return sb.toString();
    }

    /** Person, place and organization names found by HanLP's HMM role taggers. */
    public static List<NamedEntity> namedEntities(String text) {
        List<NamedEntity> out = new ArrayList<>();
        for (Segmented s : segment(text, NER)) {
            String n = s.nature();
            NerType type = n.startsWith("nr") ? NerType.PERSON
                    : n.startsWith("ns") ? NerType.PLACE
                    : n.startsWith("nt") ? NerType.ORGANIZATION : null;
            if (type == null) continue;
            // merge adjacent places: 北京市 + 朝阳区 is one address-level place
            if (!out.isEmpty()) {
                NamedEntity prev = out.get(out.size() - 1);
                if (prev.type() == type && type == NerType.PLACE && prev.end() == s.start()) {
                    out.set(out.size() - 1, new NamedEntity(type, prev.text() + s.word(), prev.start(), s.end()));
                    continue;
                }
            }
            out.add(new NamedEntity(type, s.word(), s.start(), s.end()));
        }
        return out;
    }
}
