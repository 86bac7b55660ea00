package io.callsight.cli;

import io.callsight.asr.bench.FrontendBenchmark;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.vad.VadConfig;
import io.callsight.asr.vad.VadMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callsight bench frontend}: renders the demo calls if needed and runs {@link FrontendBenchmark} on them. */
@Command(name = "frontend", mixinStandardHelpOptions = true,
        description = {"Audio front-end on the demo calls (8 kHz μ-law, noise added per track at each SNR): "
                + "WER for no suppression / spectral / RNN, VAD gating speed-up, front-end CPU per track, "
                + "and PASS/FAIL against the targets. No stack needed.",
                "Babble is built from the speech of the other demo calls (never the call it is added to)."})
final class FrontendBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--calls", defaultValue = "3", description = "Use the first N demo calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--snrs", defaultValue = "clean,20,10,5,0", split = ",",
            description = "Conditions: `clean` and/or SNRs in dB (default: ${DEFAULT-VALUE}).")
    List<String> snrs;

    @Option(names = "--noises", defaultValue = "pink,babble,hum", split = ",",
            description = "Noise types, any of white, pink, brown, hum, clicks, tones, babble (default: ${DEFAULT-VALUE}: "
                    + "street-like, call-center babble, mains hum).")
    List<String> noises;

    @Option(names = "--threads", defaultValue = "2",
            description = "Threads decoding the WER configurations in parallel, one shared Vosk model "
                    + "(default: ${DEFAULT-VALUE}). Speed and CPU figures are always single-thread.")
    int threads;

    @Option(names = "--parts", defaultValue = "wer,vad,cpu", split = ",",
            description = "Which parts to run: wer, vad, cpu (default: ${DEFAULT-VALUE}); the checks use what ran.")
    List<String> parts;

    @Option(names = "--vad-mode", description = "Override the default VAD mode (0..3) for the whole run, for tuning.")
    Integer vadMode;

    @Option(names = "--vad-padding", paramLabel = "PRE/POST",
            description = "Override the default VAD padding in ms, e.g. 200/300, for tuning.")
    String vadPadding;

    @Option(names = "--vad-min-silence", paramLabel = "MS", description = "Override the default VAD minimum silence (ms).")
    Integer vadMinSilence;

    @Override
    public Integer call() throws Exception {
        List<DemoCalls.DemoCall> all = DemoCalls.ensureRendered(System.err);
        FrontendBenchmark.run(options(), all.stream().map(DemoCalls.DemoCall::transcripts).toList(),
                System.out, System.err);
        return 0;
    }

    FrontendBenchmark.Options options() {
        List<NoiseType> noiseTypes = noises.stream().map(n -> NoiseType.valueOf(n.trim().toUpperCase(Locale.ROOT)))
                .toList();
        // A part not named here is left out, as before: --parts is a filter, not a list to validate.
        Set<FrontendBenchmark.Part> chosen = Arrays.stream(FrontendBenchmark.Part.values())
                .filter(p -> parts.contains(p.name().toLowerCase(Locale.ROOT))).collect(Collectors.toSet());
        return new FrontendBenchmark.Options(calls, snrs, noiseTypes, threads, chosen, frontEndDefaults());
    }

    private FrontEndConfig frontEndDefaults() {
        FrontEndConfig d = FrontEndConfig.defaults();
        VadConfig v = d.vadConfig();
        if (vadMode != null) {
            v = v.withMode(VadMode.ofLevel(vadMode));
        }
        if (vadPadding != null) {
            String[] p = vadPadding.split("/");
            v = v.withPadding(Integer.parseInt(p[0].trim()), Integer.parseInt(p[p.length - 1].trim()));
        }
        if (vadMinSilence != null) {
            v = v.withMinSilenceMs(vadMinSilence);
        }
        return d.withVadConfig(v);
    }
}
