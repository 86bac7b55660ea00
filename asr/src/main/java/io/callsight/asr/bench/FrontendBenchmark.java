package io.callsight.asr.bench;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseGenerator;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.recognition.CountingRecognizer;
import io.callsight.asr.recognition.Denoising;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.RecordedTrack;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.recognition.StreamingTranscription;
import io.callsight.asr.recognition.VoskModelLocator;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.asr.vad.VadConfig;
import io.callsight.events.AudioCodec;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The audio front-end (noise suppression → resampling → VAD gate) on the demo calls: WER in noise per
 * suppressor, decoding speed with and without VAD gating, the front-end's own CPU cost, and the targets.
 * No stack needed: the engine code runs in-process, as in {@code callsight transcribe}; {@code callsight bench
 * frontend} parses the options and hands over the rendered demo calls.
 */
public final class FrontendBenchmark {
    private static final String CLEAN = "clean";
    private static final int FRAME_MS = 100;

    /** What {@code run} measures: the WER table, the VAD gating speed, the front-end's CPU cost. */
    public enum Part {
        WER, VAD, CPU
    }

    /**
     * @param calls how many of the corpus's calls to decode (at least one); babble is cut from all of them
     * @param snrs conditions: {@code clean} and/or SNRs in dB
     * @param noises noise types added at each SNR
     * @param threads threads decoding the WER configurations, one shared model; speed and CPU are single-thread
     * @param parts which parts to run; the targets are checked against what ran
     * @param frontEnd the front-end defaults the run starts from (VAD overrides applied)
     */
    public record Options(int calls, List<String> snrs, List<NoiseType> noises, int threads, Set<Part> parts,
            FrontEndConfig frontEnd) {
        public Options {
            snrs = List.copyOf(snrs);
            noises = noises.stream().distinct().toList();
            parts = Set.copyOf(parts);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final PrintStream progress;

    private FrontendBenchmark(Options options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    /** Prints the tables and the target checks to {@code out}, decode progress to {@code progress}. */
    public static void run(Options options, List<ReferenceCall> corpus, PrintStream out, PrintStream progress)
            throws Exception {
        new FrontendBenchmark(options, out, progress).run(corpus);
    }

    /** One track of one call as the line carries it (8 kHz μ-law) plus its reference text. */
    private record TrackAudio(String call, RecordedTrack recording, String reference) {
        double seconds() {
            return recording.seconds();
        }

        byte[] ulaw() {
            return recording.audio();
        }
    }

    private record Condition(String name, NoiseType noise, Double snrDb) {
        boolean clean() {
            return noise == null;
        }
    }

    private void run(List<ReferenceCall> all) throws Exception {
        List<ReferenceCall> demo = all.subList(0, Math.min(Math.max(1, options.calls()), all.size()));
        FrontEndConfig defaults = options.frontEnd();
        List<Condition> conditions = conditions();

        out.println("machine: " + MachineInfo.describe());
        List<TrackAudio> tracks = new ArrayList<>();
        for (ReferenceCall call : demo) {
            WavAudio audio = WavFile.read(call.wav());
            if (audio.codec() != AudioCodec.PCMU || audio.sampleRate() != 8000) {
                throw new IllegalStateException(call.wav() + " is not 8 kHz μ-law");
            }
            for (int channel = 0; channel < audio.channels(); channel++) {
                Track track = Track.forChannel(channel);
                tracks.add(new TrackAudio(call.name(), new RecordedTrack("bench", call.name(), track, AudioCodec.PCMU,
                        8000, audio.channelBytes()[channel]), call.script(track)));
            }
        }
        double trackSeconds = tracks.stream().mapToDouble(TrackAudio::seconds).sum();
        out.printf(Locale.ROOT, "corpus: %d demo calls, %d tracks, %.1f s of track audio, 8 kHz μ-law (MaryTTS); "
                        + "%d reference words%n", demo.size(), tracks.size(), trackSeconds,
                tracks.stream().mapToInt(t -> WordErrorRate.normalize(t.reference()).size()).sum());
        out.printf("front-end defaults: denoising=%s, vad=%s %s%n%n", defaults.denoising(),
                defaults.vad() ? "on" : "off", describe(defaults.vadConfig()));

        Map<String, Map<Denoising, WordErrorRate.Score>> wer = null;
        VadResult vad = null;
        Map<Denoising, Double> cpu = null;
        try (VoskRecognizer recognizer = new VoskRecognizer(VoskModelLocator.locate())) {
            if (options.parts().contains(Part.WER)) {
                wer = werTable(recognizer, tracks, all, demo, conditions, defaults);
            }
            if (options.parts().contains(Part.VAD)) {
                vad = vadSpeed(recognizer, tracks, defaults);
            }
        }
        if (options.parts().contains(Part.CPU)) {
            cpu = frontEndCpu(tracks, defaults);
        }
        checks(wer, vad, cpu, defaults);
    }

    // ---------------------------------------------------------------- 1. WER in noise

    private Map<String, Map<Denoising, WordErrorRate.Score>> werTable(SpeechRecognizer recognizer,
            List<TrackAudio> tracks, List<ReferenceCall> all, List<ReferenceCall> chosen,
            List<Condition> conditions, FrontEndConfig defaults) throws Exception {
        out.printf(Locale.ROOT, "1. WER by condition and suppressor (VAD %s, %d threads)...%n",
                defaults.vad() ? "on" : "off", options.threads());
        Map<String, List<float[]>> babbleSpeech = conditions.stream().anyMatch(c -> c.noise() == NoiseType.BABBLE)
                ? babbleSources(all) : Map.of();
        // The noisy tracks, built once so every suppressor hears exactly the same audio.
        Map<String, List<TrackAudio>> audio = new LinkedHashMap<>();
        for (Condition c : conditions) {
            List<TrackAudio> noisy = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                noisy.add(c.clean() ? tracks.get(i) : addNoise(tracks.get(i), c, i, babbleSpeech));
            }
            audio.put(c.name(), noisy);
        }
        record Job(String condition, Denoising denoising, TrackAudio track) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Condition c : conditions) {
            for (Denoising d : Denoising.values()) {
                for (TrackAudio t : audio.get(c.name())) {
                    jobs.add(new Job(c.name(), d, t));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()));
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<WordErrorRate.Score>> futures = new ArrayList<>();
        try {
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    WordErrorRate.Score s = WordErrorRate.score(job.track().reference(),
                            transcribe(recognizer, job.track(), defaults.withDenoising(job.denoising())));
                    int n = done.incrementAndGet();
                    if (n % 20 == 0 || n == jobs.size()) {
                        progress.printf(Locale.ROOT, "  %d/%d track decodes (%.0f s)%n", n, jobs.size(),
                                (System.nanoTime() - start) / 1e9);
                    }
                    return s;
                }));
            }
            Map<String, Map<Denoising, WordErrorRate.Score>> table = new LinkedHashMap<>();
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                table.computeIfAbsent(job.condition(), k -> new EnumMap<>(Denoising.class))
                        .merge(job.denoising(), futures.get(i).get(), WordErrorRate.Score::plus);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            printWerTable(table, conditions);
            out.printf(Locale.ROOT, "(%d track decodes, %.0f s of audio in %.0f s wall on %d threads)%n%n",
                    jobs.size(), jobs.stream().mapToDouble(j -> j.track().seconds()).sum(), wall, options.threads());
            return table;
        } finally {
            pool.shutdownNow();
        }
    }

    private void printWerTable(Map<String, Map<Denoising, WordErrorRate.Score>> table, List<Condition> conditions) {
        out.println();
        out.println("| condition        | none   | spectral | rnn    | rnn vs none |");
        out.println("|------------------|--------|----------|--------|-------------|");
        for (Condition c : conditions) {
            printWerRow(c.name(), table.get(c.name()));
        }
        // Pooled over noise types at each SNR.
        List<Double> levels = conditions.stream().filter(c -> !c.clean()).map(Condition::snrDb).distinct().toList();
        if (options.noises().size() > 1) {
            for (double snr : levels) {
                printWerRow(String.format(Locale.ROOT, "all noises %s dB", fmtDb(snr)),
                        pooled(table, conditions, c -> !c.clean() && c.snrDb() == snr));
            }
        }
    }

    private void printWerRow(String name, Map<Denoising, WordErrorRate.Score> row) {
        double none = row.get(Denoising.NONE).rate();
        double rnn = row.get(Denoising.RNN).rate();
        String rel = none == 0 ? "—" : String.format(Locale.ROOT, "%+.0f%%", 100 * (rnn - none) / none);
        out.printf(Locale.ROOT, "| %-16s | %5.1f%% | %7.1f%% | %5.1f%% | %11s |%n", name, 100 * none,
                100 * row.get(Denoising.SPECTRAL).rate(), 100 * rnn, rel);
    }

    private static Map<Denoising, WordErrorRate.Score> pooled(Map<String, Map<Denoising, WordErrorRate.Score>> table,
            List<Condition> conditions, java.util.function.Predicate<Condition> which) {
        Map<Denoising, WordErrorRate.Score> sum = new EnumMap<>(Denoising.class);
        for (Denoising d : Denoising.values()) {
            sum.put(d, WordErrorRate.Score.ZERO);
        }
        for (Condition c : conditions) {
            if (which.test(c)) {
                table.get(c.name()).forEach((d, s) -> sum.merge(d, s, WordErrorRate.Score::plus));
            }
        }
        return sum;
    }

    /** Decoded PCM + noise at the condition's SNR, re-encoded to μ-law as a noisy line would carry it. */
    private static TrackAudio addNoise(TrackAudio clean, Condition c, int trackIndex, Map<String, List<float[]>> babble) {
        float[] speech = Mixer.toFloat(G711.ulawDecode(clean.ulaw()));
        long seed = 1_000_003L * (c.noise().ordinal() + 1) + 7919L * trackIndex;
        float[] noise = NoiseGenerator.generate(c.noise(), speech.length, 8000, seed,
                c.noise() == NoiseType.BABBLE ? babble.get(clean.call()) : List.of());
        float[] noisy = Mixer.mix(speech, noise, c.snrDb()).noisy();
        RecordedTrack line = clean.recording();
        return new TrackAudio(clean.call(), new RecordedTrack(line.tenant(), line.callId(), line.track(), line.codec(),
                line.sampleRate(), G711.ulawEncode(Mixer.toPcm(noisy))), clean.reference());
    }

    /** For each demo call, the script lines of all other demo calls (both speakers), cut from their audio. */
    private static Map<String, List<float[]>> babbleSources(List<ReferenceCall> all) throws Exception {
        Map<String, List<float[]>> lines = new LinkedHashMap<>();
        for (ReferenceCall call : all) {
            WavAudio audio = WavFile.read(call.wav());
            List<float[]> cut = new ArrayList<>();
            for (ReferenceCall.Line line : call.lines()) {
                short[] pcm = audio.pcm(line.speaker() == Track.CUSTOMER ? 0 : 1);
                int from = (int) Math.min(pcm.length, line.startMs() * audio.sampleRate() / 1000);
                int to = (int) Math.min(pcm.length, line.endMs() * audio.sampleRate() / 1000);
                if (to > from) {
                    cut.add(Mixer.toFloat(Arrays.copyOfRange(pcm, from, to)));
                }
            }
            lines.put(call.name(), cut);
        }
        Map<String, List<float[]>> others = new LinkedHashMap<>();
        for (String name : lines.keySet()) {
            others.put(name, lines.entrySet().stream().filter(e -> !e.getKey().equals(name))
                    .flatMap(e -> e.getValue().stream()).toList());
        }
        return others;
    }

    // ---------------------------------------------------------------- 2. VAD gating speed

    private record VadResult(double audioSeconds, double wallOff, double wallOn, double cpuOff, double cpuOn,
            WordErrorRate.Score werOff, WordErrorRate.Score werOn, double passedShare) {
        double speedup() {
            return wallOff / wallOn;
        }

        double cpuSpeedup() {
            return cpuOff / cpuOn;
        }
    }

    private VadResult vadSpeed(SpeechRecognizer recognizer, List<TrackAudio> tracks, FrontEndConfig defaults) {
        out.println("2. Decoding speed with vs without VAD gating, 1 thread (wall and thread CPU time)...");
        transcribe(recognizer, tracks.get(0), defaults.withVad(true)); // warm-up: JIT and model pages
        VadResult clean = measureVad(recognizer, tracks, defaults);
        // The demo calls are digital silence between turns, which the recognizer decodes almost for free; a real
        // line carries noise there. Same measurement with white noise at 20 dB, for context (not a target).
        Condition line = new Condition("white 20 dB", NoiseType.WHITE, 20.0);
        List<TrackAudio> noisy = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            noisy.add(addNoise(tracks.get(i), line, i, Map.of()));
        }
        VadResult lineNoise = measureVad(recognizer, noisy, defaults);
        out.println();
        out.println("| audio        | VAD | decoded | track audio s | wall s | audio s / wall s | audio s / CPU s | WER    |");
        out.println("|--------------|-----|---------|---------------|--------|------------------|-----------------|--------|");
        printVad("clean", clean);
        printVad("white 20 dB", lineNoise);
        out.printf(Locale.ROOT, "clean: speed-up %.2f× wall (%.2f× CPU), WER change %+.2f points; "
                        + "white 20 dB: %.2f× wall (%.2f× CPU), %+.2f points (denoising %s)%n%n", clean.speedup(),
                clean.cpuSpeedup(), 100 * (clean.werOn().rate() - clean.werOff().rate()), lineNoise.speedup(),
                lineNoise.cpuSpeedup(), 100 * (lineNoise.werOn().rate() - lineNoise.werOff().rate()),
                defaults.denoising());
        printGatingCeiling(recognizer, clean);
        return clean;
    }

    /**
     * Gating can only save what the skipped audio cost. Kaldi's beam search is nearly idle on digital silence,
     * so that cost is measured directly (a minute of zeros, same stream settings) to put the speed-up in scale:
     * ceiling = decode time without gating / (that time − dropped seconds × cost of a silent second).
     */
    private void printGatingCeiling(SpeechRecognizer recognizer, VadResult clean) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        short[] chunk = new short[recognizer.sampleRate() / 10];
        int seconds = 60;
        long c0 = mx.getCurrentThreadCpuTime();
        try (SpeechRecognizer.Stream stream = recognizer.openStream()) {
            for (int i = 0; i < seconds * 10; i++) {
                stream.accept(chunk);
            }
            stream.finish();
        }
        double silentCpuPerSecond = (mx.getCurrentThreadCpuTime() - c0) / 1e9 / seconds;
        double speechCpuPerSecond = (clean.cpuOff() - clean.audioSeconds() * (1 - clean.passedShare()) * silentCpuPerSecond)
                / (clean.audioSeconds() * clean.passedShare());
        double ceiling = clean.cpuOff() / (clean.cpuOff() - clean.audioSeconds() * (1 - clean.passedShare()) * silentCpuPerSecond);
        out.printf(Locale.ROOT, "why: the recognizer decodes digital silence at %.0f× real time and the passed audio at "
                        + "%.0f×, so skipping %.0f%% of these tracks can save at most %.0f%% of the CPU: ceiling %.2f×%n%n",
                1 / silentCpuPerSecond, 1 / speechCpuPerSecond, 100 * (1 - clean.passedShare()),
                100 * (1 - 1 / ceiling), ceiling);
    }

    private void printVad(String name, VadResult r) {
        out.printf(Locale.ROOT, "| %-12s | off | %6.0f%% | %13.1f | %6.1f | %16.1f | %15.1f | %5.1f%% |%n", name,
                100.0, r.audioSeconds(), r.wallOff(), r.audioSeconds() / r.wallOff(), r.audioSeconds() / r.cpuOff(),
                100 * r.werOff().rate());
        out.printf(Locale.ROOT, "| %-12s | on  | %6.0f%% | %13.1f | %6.1f | %16.1f | %15.1f | %5.1f%% |%n", name,
                100 * r.passedShare(), r.audioSeconds(), r.wallOn(), r.audioSeconds() / r.wallOn(),
                r.audioSeconds() / r.cpuOn(), 100 * r.werOn().rate());
    }

    private static VadResult measureVad(SpeechRecognizer recognizer, List<TrackAudio> tracks, FrontEndConfig defaults) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        FrontEndConfig on = defaults.withVad(true);
        FrontEndConfig off = defaults.withVad(false);
        double audio = 0;
        long nanosOff = 0;
        long nanosOn = 0;
        long cpuOff = 0;
        long cpuOn = 0;
        WordErrorRate.Score werOff = WordErrorRate.Score.ZERO;
        WordErrorRate.Score werOn = WordErrorRate.Score.ZERO;
        for (TrackAudio t : tracks) { // interleaved, so load from other users of the machine hits both alike
            long c0 = mx.getCurrentThreadCpuTime();
            long s0 = System.nanoTime();
            String hypOff = transcribe(recognizer, t, off);
            long c1 = mx.getCurrentThreadCpuTime();
            long s1 = System.nanoTime();
            String hypOn = transcribe(recognizer, t, on);
            long c2 = mx.getCurrentThreadCpuTime();
            long s2 = System.nanoTime();
            nanosOff += s1 - s0;
            nanosOn += s2 - s1;
            cpuOff += c1 - c0;
            cpuOn += c2 - c1;
            audio += t.seconds();
            werOff = werOff.plus(WordErrorRate.score(t.reference(), hypOff));
            werOn = werOn.plus(WordErrorRate.score(t.reference(), hypOn));
        }
        return new VadResult(audio, nanosOff / 1e9, nanosOn / 1e9, cpuOff / 1e9, cpuOn / 1e9, werOff, werOn,
                passedShare(tracks, on.vadConfig()));
    }

    /** Share of the recognizer-rate audio the gate passes, measured with the front-end alone. */
    private static double passedShare(List<TrackAudio> tracks, VadConfig config) {
        long passed = 0;
        long total = 0;
        for (TrackAudio t : tracks) {
            CountingRecognizer counter = new CountingRecognizer();
            transcribe(counter, t, FrontEndConfig.none().withVad(true).withVadConfig(config));
            passed += counter.samples();
            total += (long) (t.seconds() * counter.sampleRate());
        }
        return total == 0 ? 0 : (double) passed / total;
    }

    // ---------------------------------------------------------------- 3. front-end CPU

    private Map<Denoising, Double> frontEndCpu(List<TrackAudio> tracks, FrontEndConfig defaults) {
        out.println("3. Front-end CPU per track (codec decode + suppressor + resampler + VAD, no recognizer), "
                + "1 thread...");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            out.println("thread CPU time not supported on this JVM: skipped");
            return null;
        }
        mx.setThreadCpuTimeEnabled(true);
        Map<Denoising, Double> share = new EnumMap<>(Denoising.class);
        out.println();
        out.println("| suppressor | CPU s | track audio s | % of one core per track | µs per 10 ms |");
        out.println("|------------|-------|---------------|-------------------------|--------------|");
        for (Denoising d : Denoising.values()) {
            FrontEndConfig config = defaults.withDenoising(d).withVad(true);
            transcribe(new CountingRecognizer(), tracks.get(0), config); // warm-up (JIT)
            double audio = 0;
            long cpu = 0;
            for (TrackAudio t : tracks) {
                long c0 = mx.getCurrentThreadCpuTime();
                transcribe(new CountingRecognizer(), t, config);
                cpu += mx.getCurrentThreadCpuTime() - c0;
                audio += t.seconds();
            }
            double pct = 100 * (cpu / 1e9) / audio;
            share.put(d, pct);
            out.printf(Locale.ROOT, "| %-10s | %5.2f | %13.1f | %22.2f%% | %12.1f |%n", d.name().toLowerCase(Locale.ROOT),
                    cpu / 1e9, audio, pct, cpu / 1e3 / (audio * 100));
        }
        out.println();
        return share;
    }

    // ---------------------------------------------------------------- 4. targets

    private void checks(Map<String, Map<Denoising, WordErrorRate.Score>> wer, VadResult vad, Map<Denoising, Double> cpu,
            FrontEndConfig defaults) {
        out.println("4. Targets");
        List<Condition> conditions = conditions();
        if (wer != null) {
            List<Condition> mid = conditions.stream().filter(c -> !c.clean() && (c.snrDb() == 5 || c.snrDb() == 10))
                    .toList();
            if (mid.isEmpty()) {
                out.println("  [SKIP] RNN at 5–10 dB: run with --snrs including 5 and 10");
            } else {
                Map<Denoising, WordErrorRate.Score> p = pooled(wer, conditions, mid::contains);
                double none = p.get(Denoising.NONE).rate();
                double rnn = p.get(Denoising.RNN).rate();
                double cut = none == 0 ? 0 : (none - rnn) / none;
                verdict(cut >= 0.25, String.format(Locale.ROOT,
                        "RNN cuts WER at 5–10 dB by ≥25%% relative: %.1f%% → %.1f%% (%+.0f%% relative; %s; spectral %.1f%%)",
                        100 * none, 100 * rnn, -100 * cut, mid.stream().map(Condition::name).collect(Collectors.joining(", ")),
                        100 * p.get(Denoising.SPECTRAL).rate()));
            }
            Map<Denoising, WordErrorRate.Score> clean = wer.get(CLEAN);
            if (clean == null) {
                out.println("  [SKIP] RNN on clean: run with --snrs including clean");
            } else {
                double delta = 100 * (clean.get(Denoising.RNN).rate() - clean.get(Denoising.NONE).rate());
                verdict(delta <= 1.0, String.format(Locale.ROOT,
                        "RNN costs ≤1 WER point on clean: %.1f%% → %.1f%% (%+.2f points)",
                        100 * clean.get(Denoising.NONE).rate(), 100 * clean.get(Denoising.RNN).rate(), delta));
            }
        }
        if (vad != null) {
            double delta = 100 * (vad.werOn().rate() - vad.werOff().rate());
            verdict(vad.speedup() >= 1.5 && Math.abs(delta) <= 0.5, String.format(Locale.ROOT,
                    "VAD gating ≥1.5× decoding throughput with ≤0.5 point WER change (clean calls): %.2f× wall "
                            + "(%.2f× CPU), %+.2f points (%.1f%% → %.1f%%)", vad.speedup(), vad.cpuSpeedup(), delta, 100 * vad.werOff().rate(),
                    100 * vad.werOn().rate()));
        }
        if (cpu != null) {
            double worst = cpu.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            verdict(worst <= 5, String.format(Locale.ROOT, "front-end ≤5%% of one core per track: %s",
                    cpu.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f%%",
                            e.getKey().name().toLowerCase(Locale.ROOT), e.getValue())).collect(Collectors.joining(", "))));
        }
    }

    private void verdict(boolean pass, String text) {
        out.println("  [" + (pass ? "PASS" : "FAIL") + "] " + text);
    }

    // ---------------------------------------------------------------- helpers

    private static String transcribe(SpeechRecognizer recognizer, TrackAudio t, FrontEndConfig config) {
        return StreamingTranscription.transcribe(recognizer, t.recording(), config, FRAME_MS).stream()
                .map(Utterance::text).collect(Collectors.joining(" "));
    }

    private static String describe(VadConfig v) {
        return String.format(Locale.ROOT, "(mode %d %s, minSpeech %d ms, minSilence %d ms, padding %d/%d ms, "
                        + "closing silence %d ms)", v.mode().level(), v.mode().name().toLowerCase(Locale.ROOT),
                v.minSpeechMs(), v.minSilenceMs(), v.prePaddingMs(), v.postPaddingMs(), v.closingSilenceMs());
    }

    private List<Condition> conditions() {
        List<Condition> conditions = new ArrayList<>();
        for (String s : options.snrs()) {
            String level = s.trim().toLowerCase(Locale.ROOT);
            if (level.equals(CLEAN)) {
                conditions.add(new Condition(CLEAN, null, null));
            } else {
                double db = Double.parseDouble(level.replace("db", ""));
                for (NoiseType n : options.noises()) {
                    conditions.add(new Condition(n.name().toLowerCase(Locale.ROOT) + " " + fmtDb(db) + " dB", n, db));
                }
            }
        }
        return conditions;
    }

    private static String fmtDb(double db) {
        return db == Math.rint(db) ? Long.toString((long) db) : Double.toString(db);
    }
}
