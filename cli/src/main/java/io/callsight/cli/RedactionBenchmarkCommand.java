package io.callsight.cli;

import io.callsight.asr.bench.MachineInfo;
import io.callsight.nlp.redaction.RedactionPolicy;
import io.callsight.nlp.redaction.bench.RedactionBenchmark.Engine;
import io.callsight.nlp.redaction.bench.RedactionBenchmark.Score;
import io.callsight.nlp.redaction.bench.RedactionBenchmark;
import io.callsight.nlp.redaction.bench.SpeechRedactionSet.Sample;
import io.callsight.nlp.redaction.bench.SpeechRedactionSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callsight bench redaction}: the redactor on recognizer-style utterances, the tuning and the held-out split,
 * next to the redactor as it was before numbers read out by a recognizer were handled.
 */
@Command(name = "redaction", mixinStandardHelpOptions = true,
        description = {"PII redaction on datasets/redaction-speech (recognizer-style: homophones, fillers, pairs, digits "
                + "mixed with words, numbers split across two utterances, dates of birth; and amounts, times, counts, "
                + "dates, house numbers that must stay): recall of personal numbers and share of other numbers wrongly "
                + "removed, per split (tune, test, held-out holdout), baseline (the redactor before) vs new; throughput."})
final class RedactionBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE",
            description = "The labeled set (default: <datasets>/redaction-speech/sentences.jsonl).")
    Path data;

    @Option(names = "--verbose", description = "List every miss of the new redactor (every split: reading the held-out "
            + "split's misses makes it a tuning split).")
    boolean verbose;

    @Option(names = "--seconds", defaultValue = "2", description = "Time per throughput measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws Exception {
        Path file = data != null ? data : SpeechRedactionSet.defaultFile();
        List<Sample> all = SpeechRedactionSet.read(file);
        List<String> names = all.stream().map(Sample::split).distinct().toList();
        List<List<Sample>> splits = names.stream().map(n -> SpeechRedactionSet.split(all, n)).toList();
        List<Sample> tune = SpeechRedactionSet.split(all, SpeechRedactionSet.TUNE);
        RedactionPolicy policy = RedactionPolicy.all();
        Engine baseline = RedactionBenchmark.legacy(policy), current = RedactionBenchmark.current(policy);

        System.out.printf(Locale.ROOT, "PII redaction on %s: %s utterances%n", file, String.join(" + ",
                names.stream().map(n -> SpeechRedactionSet.split(all, n).size() + " " + n).toList()));
        System.out.println("tune: tuned on; test, then holdout: each unseen for its first run (figures in docs/benchmarks.md),"
                + " then its misses were read and fixed");
        System.out.println("machine: " + MachineInfo.describe());
        System.out.printf(Locale.ROOT, "policy: every category, min_digit_run %d; targets: recall >= %.0f %%, wrongly removed <= %.0f %%%n%n",
                policy.minDigitRun(), 100 * RedactionBenchmark.RECALL_TARGET, 100 * RedactionBenchmark.FALSE_REMOVAL_TARGET);
        System.out.printf("%-7s %-9s %-21s %-22s%n", "split", "redactor", "personal removed", "other numbers removed");
        Score[][] scores = new Score[names.size()][2];
        for (int s = 0; s < names.size(); s++) {
            for (int e = 0; e < 2; e++) {
                Engine engine = e == 0 ? baseline : current;
                Score sc = RedactionBenchmark.score(engine, splits.get(s));
                scores[s][e] = sc;
                System.out.printf(Locale.ROOT, "%-7s %-9s %-21s %-22s%s%n", names.get(s), e == 0 ? "baseline" : "new",
                        ratio(sc.removed(), sc.personal()), ratio(sc.wronglyRemoved(), sc.nonPersonal()),
                        e == 1 ? (sc.meetsTargets() ? "  PASS" : "  FAIL") : "");
            }
        }
        System.out.println("The new redactor runs as the speech job does: an utterance that may end inside a number is held");
        System.out.println("until the track's next one is heard, so both parts of a number split by a pause are removed.");

        System.out.printf("%nper kind, personal removed / other numbers removed (baseline -> new)%n");
        StringBuilder header = new StringBuilder(String.format("%-15s", "kind"));
        names.forEach(n -> header.append(String.format(" %-34s", n)));
        System.out.println(header.toString().stripTrailing());
        Set<String> kinds = new TreeSet<>();
        for (Score[] pair : scores) kinds.addAll(pair[1].byKind().keySet());
        for (String k : kinds) {
            StringBuilder row = new StringBuilder(String.format("%-15s", k));
            for (Score[] pair : scores) row.append(String.format(" %-34s", kind(pair, k)));
            System.out.println(row.toString().stripTrailing());
        }

        long ms = (long) (seconds * 1000);
        RedactionBenchmark.throughput(current, tune, ms / 4); // warm-up
        RedactionBenchmark.throughput(baseline, tune, ms / 4);
        double tb = RedactionBenchmark.throughput(baseline, all, ms), tc = RedactionBenchmark.throughput(current, all, ms);
        System.out.printf(Locale.ROOT, "%nthroughput, one thread: baseline %,.0f utterances/s, new %,.0f utterances/s%n", tb, tc);

        if (verbose) {
            for (int s = 0; s < names.size(); s++) {
                System.out.printf("%nmisses of the new redactor, %s:%n", names.get(s));
                scores[s][1].misses().forEach(m -> System.out.println("  " + m));
            }
        }
        return 0;
    }

    private static String kind(Score[] pair, String kind) {
        int[] b = pair[0].byKind().get(kind), n = pair[1].byKind().get(kind);
        if (n == null || b == null) return "-";
        StringBuilder sb = new StringBuilder();
        if (n[0] > 0) sb.append(b[1]).append("->").append(n[1]).append('/').append(n[0]).append(" removed");
        if (n[2] > 0) sb.append(sb.length() > 0 ? ", " : "").append(b[3]).append("->").append(n[3]).append('/').append(n[2]).append(" wrongly");
        return sb.toString();
    }

    private static String ratio(int n, int of) {
        return String.format(Locale.ROOT, "%5.1f %% (%d/%d)", of == 0 ? 0 : 100.0 * n / of, n, of);
    }
}
