package io.callsight.nlp.redaction.bench;

import io.callsight.nlp.redaction.PiiSpan;
import io.callsight.nlp.redaction.Redaction;
import io.callsight.nlp.redaction.RedactionPolicy;
import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.redaction.TrackTail;
import io.callsight.nlp.redaction.bench.SpeechRedactionSet.Label;
import io.callsight.nlp.redaction.bench.SpeechRedactionSet.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a redactor on {@link SpeechRedactionSet}: recall of the personal numbers (every word of one, fillers
 * aside, must be inside a removed span) and the share of numbers that must stay but lost a word to a removed
 * span. Both engines see each sample's utterances in order, as the speech job does per track.
 */
public final class RedactionBenchmark {
    /** Targets from the issue: what a tenant may rely on. */
    public static final double RECALL_TARGET = 0.99;
    public static final double FALSE_REMOVAL_TARGET = 0.02;

    private static final Pattern WORD = Pattern.compile("[^\\s,.?!]+");
    private static final Set<String> FILLERS = Set.of("uh", "um", "umm", "er", "erm", "hmm", "ah");

    private RedactionBenchmark() {
    }

    /** A redactor as the speech job drives it: the utterances of one track in order. */
    public interface Engine {
        String name();

        /** Redactions of {@code utterances}, one per utterance. */
        List<Redaction> track(List<String> utterances);
    }

    /**
     * The redactor of this version as the speech job drives it: each utterance's {@link TrackTail} carried into
     * the next, and an utterance that {@link Redactor#awaitsNext ends open} held until the next one is heard.
     */
    public static Engine current(RedactionPolicy policy) {
        Redactor r = new Redactor(policy);
        return new Engine() {
            @Override
            public String name() {
                return "new (read-outs, DOB, track tail, held utterances)";
            }

            @Override
            public List<Redaction> track(List<String> utterances) {
                List<Redaction> out = new ArrayList<>(utterances.size());
                TrackTail tail = TrackTail.NONE;
                for (int i = 0; i < utterances.size(); i++) {
                    String u = utterances.get(i);
                    Redaction now = r.redact(u, tail);
                    if (Redactor.awaitsNext(u, now)) {
                        out.add(r.redact(u, tail, i + 1 < utterances.size() ? utterances.get(i + 1) : ""));
                    } else {
                        out.add(now);
                    }
                    tail = TrackTail.of(u, 0);
                }
                return out;
            }
        };
    }

    /** The redactor before this change, each utterance on its own. */
    public static Engine legacy(RedactionPolicy policy) {
        LegacyRedactor r = new LegacyRedactor(policy);
        return new Engine() {
            @Override
            public String name() {
                return "baseline (before)";
            }

            @Override
            public List<Redaction> track(List<String> utterances) {
                return utterances.stream().map(r::redact).toList();
            }
        };
    }

    /** Counts of one engine on one split, overall and per sample kind; {@code misses} lists what went wrong. */
    public record Score(int personal, int removed, int nonPersonal, int wronglyRemoved, Map<String, int[]> byKind,
                        List<String> misses) {
        /** Of every personal number (part). */
        public double recall() {
            return personal == 0 ? 1 : (double) removed / personal;
        }

        public double falseRemovalRate() {
            return nonPersonal == 0 ? 0 : (double) wronglyRemoved / nonPersonal;
        }

        public boolean meetsTargets() {
            return recall() >= RECALL_TARGET && falseRemovalRate() <= FALSE_REMOVAL_TARGET;
        }
    }

    public static Score score(Engine engine, List<Sample> samples) {
        int personal = 0, removed = 0, nonPersonal = 0, wrong = 0;
        Map<String, int[]> byKind = new TreeMap<>(); // kind → {personal, removed, non-personal, wrongly removed}
        List<String> misses = new ArrayList<>();
        for (Sample s : samples) {
            List<Redaction> r = redactions(engine, s);
            int[] k = byKind.computeIfAbsent(s.kind(), x -> new int[4]);
            for (Label l : s.remove()) {
                personal++;
                k[0]++;
                if (allWordsRemoved(s.utterance(l), l, spans(r, l))) {
                    removed++;
                    k[1]++;
                } else {
                    misses.add("kept   " + s.id() + " [" + s.utterance(l).substring(l.start(), l.end()) + "] in: "
                            + redacted(s, r));
                }
            }
            for (Label l : s.keep()) {
                nonPersonal++;
                k[2]++;
                if (anyWordRemoved(s.utterance(l), l, spans(r, l))) {
                    wrong++;
                    k[3]++;
                    misses.add("removed " + s.id() + " [" + s.utterance(l).substring(l.start(), l.end()) + "] in: "
                            + redacted(s, r));
                }
            }
        }
        return new Score(personal, removed, nonPersonal, wrong, byKind, misses);
    }

    /** Utterances per second over {@code samples}, repeated for at least {@code minMillis}. */
    public static double throughput(Engine engine, List<Sample> samples, long minMillis) {
        long utterances = 0;
        long start = System.nanoTime();
        long deadline = start + minMillis * 1_000_000L;
        do {
            for (Sample s : samples) utterances += redactions(engine, s).size();
        } while (System.nanoTime() < deadline);
        return utterances / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Redaction> redactions(Engine engine, Sample s) {
        return engine.track(s.prev() == null ? List.of(s.text()) : List.of(s.prev(), s.text()));
    }

    private static List<PiiSpan> spans(List<Redaction> r, Label l) {
        return (l.utterance().equals("prev") ? r.get(0) : r.get(r.size() - 1)).spans();
    }

    private static String redacted(Sample s, List<Redaction> r) {
        return r.stream().map(Redaction::text).reduce((a, b) -> a + " | " + b).orElse("");
    }

    static boolean allWordsRemoved(String text, Label l, List<PiiSpan> spans) {
        Matcher m = WORD.matcher(text).region(l.start(), l.end());
        while (m.find()) {
            if (!FILLERS.contains(m.group()) && !covered(m.start(), m.end(), spans)) return false;
        }
        return true;
    }

    static boolean anyWordRemoved(String text, Label l, List<PiiSpan> spans) {
        Matcher m = WORD.matcher(text).region(l.start(), l.end());
        while (m.find()) {
            if (covered(m.start(), m.end(), spans)) return true;
        }
        return false;
    }

    private static boolean covered(int s, int e, List<PiiSpan> spans) {
        for (PiiSpan p : spans) if (p.start() < e && s < p.end()) return true;
        return false;
    }
}
