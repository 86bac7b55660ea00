package io.callsight.tts.bench;

import io.callsight.asr.bench.MachineInfo;
import io.callsight.asr.callprogress.AnswerSource;
import io.callsight.asr.callprogress.CallProgressConfig;
import io.callsight.asr.callprogress.CallProgressDetector;
import io.callsight.asr.callprogress.CallProgressEvent;
import io.callsight.asr.callprogress.DialStatus;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.callprogress.DialCase;
import io.callsight.tts.callprogress.DialTestSet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Dial-status and answering-machine detection on a generated set of calls ({@link DialTestSet}: MaryTTS voices,
 * synthesized tones, line noise, μ-law): {@link CallProgressDetector} against an energy-only baseline
 * ({@link EnergyDialBaseline}) in the same run. Prints the confusion matrices, accuracy and decision time per
 * class, the share decided correctly within 5 s, voicemail cue timing and the answer inference error. Run from
 * the CLI as {@code callsight bench dial}.
 */
public final class DialStatusBenchmark {
    /** The product's target: each call's dial status decided within this time. */
    public static final long TARGET_MS = 5000;
    private static final DialStatus[] FINALS = {DialStatus.ANSWERED_HUMAN, DialStatus.ANSWERED_MACHINE, DialStatus.BUSY,
            DialStatus.SIT, DialStatus.FAX, DialStatus.NO_ANSWER};

    private DialStatusBenchmark() {
    }

    /**
     * @param cases        main cases
     * @param seed         generator seed
     * @param snrsDb       SNRs (+Infinity for none)
     * @param answerSignal tell the detector when the far end answered, as SIP signalling would (default: audio only)
     * @param hardCases    also run the hard cases (reported apart)
     */
    public record Options(int cases, long seed, List<Double> snrsDb, boolean answerSignal, boolean hardCases) {
        public Options {
            snrsDb = List.copyOf(snrsDb);
        }
    }

    /** One call's verdicts. */
    public record Run(DialCase call, DialStatus detected, long detectedAtMs, long answeredAtMs,
            Optional<AnswerSource> answerSource, Optional<CallProgressEvent.LeaveMessage> cue, boolean ringingReported,
            String evidence, EnergyDialBaseline.Outcome baseline, long detectorNanos) {
        public boolean correct() {
            return detected == call.expected();
        }

        public long latencyMs() {
            return detectedAtMs - call.onsetMs();
        }

        public boolean correctInTime() {
            return correct() && latencyMs() <= TARGET_MS;
        }

        public boolean baselineCorrect() {
            return baseline.status() == call.expected();
        }

        public long baselineLatencyMs() {
            return baseline.atMs() - call.onsetMs();
        }

        public boolean baselineCorrectInTime() {
            return baselineCorrect() && baselineLatencyMs() <= TARGET_MS;
        }
    }

    /** The headline figures over the main cases. */
    public record Result(List<Run> runs, double accuracy, double withinTarget, double baselineAccuracy,
            double baselineWithinTarget) {
    }

    public static Result run(Options options, PrintStream out, PrintStream progress) {
        out.println("Dial status / answering-machine benchmark on " + MachineInfo.describe());
        long start = System.nanoTime();
        MaryTtsSynthesizer mary = new MaryTtsSynthesizer();
        out.printf(Locale.ROOT, "MaryTTS (%s) started in %.1f s%n", mary.engineVersion(), (System.nanoTime() - start) / 1e9);
        return run(options, mary, out, progress);
    }

    /** With any synthesizer (tests use a small one). */
    public static Result run(Options options, SpeechSynthesizer synthesizer, PrintStream out, PrintStream progress) {
        CallProgressConfig config = CallProgressConfig.defaults();
        long start = System.nanoTime();
        DialTestSet generator = new DialTestSet(synthesizer);
        List<DialCase> cases = generator.generate(new DialTestSet.Options(options.cases(), options.seed(),
                options.snrsDb(), config.ringTimeoutMs(), options.hardCases()), progress::println);
        double audioSeconds = cases.stream().mapToLong(DialCase::durationMs).sum() / 1000.0;
        out.printf(Locale.ROOT, "test set: %d main + %d hard cases, seed %d, SNRs %s dB (white/pink noise, then G.711"
                + " μ-law), %d distinct utterances synthesized, %.0f s of audio, generated in %.1f s%n",
                cases.stream().filter(c -> !c.hard()).count(), cases.stream().filter(DialCase::hard).count(),
                options.seed(), snrLabel(options.snrsDb()), generator.syntheses(), audioSeconds,
                (System.nanoTime() - start) / 1e9);
        out.println("answer: " + (options.answerSignal() ? "signalled to the detector at the true answer time (as SIP 200 OK)"
                : "inferred from the audio only (no signalling)") + "; the baseline always infers it from energy");

        List<Run> runs = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            if (i % 25 == 0) {
                progress.printf(Locale.ROOT, "case %d/%d%n", i + 1, cases.size());
            }
            runs.add(runOne(cases.get(i), config, options.answerSignal()));
        }
        List<Run> main = runs.stream().filter(r -> !r.call().hard()).toList();
        List<Run> hard = runs.stream().filter(r -> r.call().hard()).toList();

        out.println();
        out.println("Detector (CallProgressDetector, defaults), main cases: rows expected, columns decided");
        confusion(out, main, Run::detected);
        out.println();
        out.println("Baseline (energy only: Asterisk app_amd defaults + energy cadence), main cases");
        confusion(out, main, r -> r.baseline().status());
        out.println();
        perClass(out, main);
        out.println();
        perSnr(out, main, options.snrsDb());
        out.println();
        voicemailCue(out, main);
        out.println();
        answers(out, main);
        long nanos = runs.stream().mapToLong(Run::detectorNanos).sum();
        out.printf(Locale.ROOT, "%ndetector speed: %.0f s of call audio in %.2f s of one core (%.0fx real time; stops at"
                + " the decision)%n", audioSeconds, nanos / 1e9, audioSeconds / (nanos / 1e9));
        if (!hard.isEmpty()) {
            out.println();
            out.println("Hard cases (not in the figures above): what timing rules cannot tell");
            for (Run r : hard) {
                out.printf(Locale.ROOT, "  %-9s expected %-16s detector %-16s at %6d ms (%s), baseline %-16s | %s%n",
                        r.call().id(), r.call().expected(), r.detected(), r.latencyMs(), r.correct() ? "right" : "wrong",
                        r.baseline().status(), r.call().description());
            }
        }
        List<Run> wrong = main.stream().filter(r -> !r.correctInTime()).toList();
        if (!wrong.isEmpty()) {
            out.println();
            out.println("Main cases the detector got wrong or late:");
            for (Run r : wrong.subList(0, Math.min(30, wrong.size()))) {
                out.printf(Locale.ROOT, "  %-10s expected %-16s got %-16s after %6d ms | %s | %s%n", r.call().id(),
                        r.call().expected(), r.detected(), r.latencyMs(), r.evidence(), r.call().description());
            }
        }
        Result result = new Result(runs, share(main, Run::correct), share(main, Run::correctInTime),
                share(main, Run::baselineCorrect), share(main, Run::baselineCorrectInTime));
        out.printf(Locale.ROOT, "%nOverall (main cases): detector %.1f %% correct, %.1f %% correct within 5 s (target"
                + " >= 95 %%: %s); baseline %.1f %% correct, %.1f %% within 5 s%n", 100 * result.accuracy(),
                100 * result.withinTarget(), result.withinTarget() >= 0.95 ? "PASS" : "MISS",
                100 * result.baselineAccuracy(), 100 * result.baselineWithinTarget());
        return result;
    }

    static Run runOne(DialCase call, CallProgressConfig config, boolean answerSignal) {
        long t0 = System.nanoTime();
        CallProgressDetector detector = new CallProgressDetector(config);
        short[] audio = call.audio();
        boolean ringing = false;
        CallProgressEvent.Status decision = null;
        CallProgressEvent.LeaveMessage cue = null;
        List<CallProgressEvent> events = new ArrayList<>();
        long answerFrame = call.answeredAtMs() >= 0 && answerSignal ? call.answeredAtMs() / 20 : -1;
        for (int f = 0; (f + 1) * 160 <= audio.length && !detector.done(); f++) {
            if (f == answerFrame) {
                events.addAll(detector.answered());
            }
            events.addAll(detector.accept(audio, f * 160, 160));
        }
        events.addAll(detector.finish());
        long nanos = System.nanoTime() - t0;
        for (CallProgressEvent e : events) {
            if (e instanceof CallProgressEvent.Status s) {
                if (s.status() == DialStatus.RINGING) {
                    ringing = true;
                } else if (decision == null) {
                    decision = s;
                }
            } else if (e instanceof CallProgressEvent.LeaveMessage m && cue == null) {
                cue = m;
            }
        }
        if (decision == null) {
            throw new IllegalStateException("detector gave no decision for " + call.id());
        }
        long answered = detector.answeredAtMs().orElse(-1);
        Optional<AnswerSource> source = events.stream().filter(e -> e instanceof CallProgressEvent.Answer)
                .map(e -> ((CallProgressEvent.Answer) e).source()).findFirst();
        EnergyDialBaseline.Outcome baseline = EnergyDialBaseline.classify(audio, config.ringTimeoutMs());
        return new Run(call, decision.status(), decision.atMs(), answered, source, Optional.ofNullable(cue), ringing,
                decision.evidence().summary(), baseline, nanos);
    }

    private static void confusion(PrintStream out, List<Run> runs, java.util.function.Function<Run, DialStatus> decided) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "| %-16s |", "expected \\ got"));
        StringBuilder rule = new StringBuilder("|------------------|");
        for (DialStatus s : FINALS) {
            header.append(String.format(Locale.ROOT, " %7s |", shortName(s)));
            rule.append("---------|");
        }
        out.println(header);
        out.println(rule);
        for (DialStatus expected : FINALS) {
            List<Run> row = runs.stream().filter(r -> r.call().expected() == expected).toList();
            if (row.isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %-16s |", expected));
            for (DialStatus got : FINALS) {
                long n = row.stream().filter(r -> decided.apply(r) == got).count();
                line.append(String.format(Locale.ROOT, " %7s |", n == 0 ? "." : String.valueOf(n)));
            }
            out.println(line);
        }
    }

    private static void perClass(PrintStream out, List<Run> runs) {
        out.println("| class            |   n | correct | in 5 s  | time p50 | time p95 | time max | baseline correct | baseline in 5 s | baseline p95 |");
        out.println("|------------------|-----|---------|---------|----------|----------|----------|------------------|-----------------|--------------|");
        for (DialStatus s : FINALS) {
            List<Run> c = runs.stream().filter(r -> r.call().expected() == s).toList();
            if (!c.isEmpty()) {
                classRow(out, s.name(), c);
            }
        }
        classRow(out, "all", runs);
        out.println("(time: from the answer, or the start of a busy/SIT tone, or the ring timeout, to the decision; all cases"
                + " of the class, right or wrong)");
    }

    private static void classRow(PrintStream out, String label, List<Run> c) {
        long[] t = c.stream().mapToLong(Run::latencyMs).sorted().toArray();
        long[] b = c.stream().mapToLong(Run::baselineLatencyMs).sorted().toArray();
        out.printf(Locale.ROOT, "| %-16s | %3d | %6.1f%% | %6.1f%% | %6d ms | %6d ms | %6d ms | %15.1f%% | %14.1f%% | %9d ms |%n",
                label, c.size(), 100 * share(c, Run::correct), 100 * share(c, Run::correctInTime), percentile(t, 50),
                percentile(t, 95), t[t.length - 1], 100 * share(c, Run::baselineCorrect),
                100 * share(c, Run::baselineCorrectInTime), percentile(b, 95));
    }

    private static void perSnr(PrintStream out, List<Run> runs, List<Double> snrs) {
        out.println("| SNR        |   n | correct in 5 s | baseline in 5 s |");
        out.println("|------------|-----|----------------|-----------------|");
        for (double snr : snrs) {
            List<Run> c = runs.stream().filter(r -> Double.compare(r.call().snrDb(), snr) == 0).toList();
            if (!c.isEmpty()) {
                out.printf(Locale.ROOT, "| %-10s | %3d | %13.1f%% | %14.1f%% |%n", Double.isInfinite(snr) ? "clean" : snr + " dB",
                        c.size(), 100 * share(c, Run::correctInTime), 100 * share(c, Run::baselineCorrectInTime));
            }
        }
    }

    private static void voicemailCue(PrintStream out, List<Run> runs) {
        List<Run> beeps = runs.stream().filter(r -> r.call().expected() == DialStatus.ANSWERED_MACHINE
                && r.call().beepEndMs() >= 0 && r.correct()).toList();
        List<Run> quiet = runs.stream().filter(r -> r.call().expected() == DialStatus.ANSWERED_MACHINE
                && r.call().beepEndMs() < 0 && r.correct()).toList();
        out.println("Voicemail message start (machines the detector recognized):");
        if (!beeps.isEmpty()) {
            long byBeep = beeps.stream().filter(r -> r.cue().map(c -> c.reason() == CallProgressEvent.CueReason.BEEP)
                    .orElse(false)).count();
            long[] err = beeps.stream().filter(r -> r.cue().isPresent())
                    .mapToLong(r -> r.cue().get().atMs() - r.call().beepEndMs()).sorted().toArray();
            long early = Arrays.stream(err).filter(e -> e < 0).count();
            long[] baseErr = beeps.stream().filter(r -> r.baseline().messageAtMs() >= 0)
                    .mapToLong(r -> r.baseline().messageAtMs() - r.call().beepEndMs()).sorted().toArray();
            long baseEarly = Arrays.stream(baseErr).filter(e -> e < 0).count();
            out.printf(Locale.ROOT, "  with a beep (%d): cue from the beep itself in %d; start minus beep end p50 %d ms,"
                    + " p95 %d ms, max %d ms, %d before the beep ended%n", beeps.size(), byBeep, percentile(err, 50),
                    percentile(err, 95), err.length == 0 ? 0 : err[err.length - 1], early);
            if (baseErr.length > 0) {
                out.printf(Locale.ROOT, "  baseline (1 s of silence after its machine verdict) on the same calls: p50 %d ms,"
                        + " p95 %d ms, %d of %d before the beep ended%n", percentile(baseErr, 50), percentile(baseErr, 95),
                        baseEarly, baseErr.length);
            }
        }
        if (!quiet.isEmpty()) {
            long[] after = quiet.stream().filter(r -> r.cue().isPresent())
                    .mapToLong(r -> r.cue().get().atMs() - r.call().greetingEndMs()).sorted().toArray();
            out.printf(Locale.ROOT, "  without a beep (%d): start minus greeting end p50 %d ms, max %d ms (fallback: %d ms"
                    + " of silence)%n", quiet.size(), percentile(after, 50), after.length == 0 ? 0 : after[after.length - 1],
                    CallProgressConfig.defaults().voicemail().messageSilenceMs());
        }
    }

    private static void answers(PrintStream out, List<Run> runs) {
        List<Run> answered = runs.stream().filter(r -> r.call().answeredAtMs() >= 0 && r.answeredAtMs() >= 0).toList();
        if (answered.isEmpty()) {
            return;
        }
        long[] err = answered.stream().mapToLong(r -> Math.abs(r.answeredAtMs() - r.call().answeredAtMs())).sorted().toArray();
        Map<AnswerSource, Long> sources = new EnumMap<>(AnswerSource.class);
        for (Run r : answered) {
            r.answerSource().ifPresent(s -> sources.merge(s, 1L, Long::sum));
        }
        long ringCases = runs.stream().filter(r -> r.call().ringback()).count();
        long ringSeen = runs.stream().filter(r -> r.call().ringback() && r.ringingReported()).count();
        out.printf(Locale.ROOT, "Answer time (answered calls where the detector found an answer, %d): |found - true| p50 %d ms,"
                + " p95 %d ms; found by %s%n", answered.size(), percentile(err, 50), percentile(err, 95), sources);
        out.printf(Locale.ROOT, "RINGING reported on %d of %d calls that had ringback%n", ringSeen, ringCases);
    }

    private static double share(List<Run> runs, Predicate<Run> p) {
        return runs.isEmpty() ? 0 : (double) runs.stream().filter(p).count() / runs.size();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : io.callsight.asr.bench.Percentiles.nearestRank(sorted, p / 100);
    }

    private static String shortName(DialStatus s) {
        return switch (s) {
            case ANSWERED_HUMAN -> "HUMAN";
            case ANSWERED_MACHINE -> "MACHINE";
            case NO_ANSWER -> "NO_ANS";
            default -> s.name();
        };
    }

    private static String snrLabel(List<Double> snrs) {
        return snrs.stream().map(s -> Double.isInfinite(s) ? "clean" : String.valueOf(s.intValue())).toList().toString();
    }
}
