package io.callsight.cli;

import io.callsight.tts.bench.DialStatusBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callsight bench dial}: {@link DialStatusBenchmark} (see docs/benchmarks.md). */
@Command(name = "dial", mixinStandardHelpOptions = true,
        description = {"Dial-status and answering-machine detection (CallProgressDetector) on a generated, seeded set of"
                + " outbound calls: MaryTTS live answers and voicemail greetings in five voices, US/UK/EU ringback, busy and"
                + " congestion tones, SIT, fax/modem tones, calls that ring out or stay silent; white/pink line noise at each"
                + " SNR, G.711 μ-law. Prints confusion matrices, accuracy and decision time (p50/p95/max) per class, the"
                + " share decided correctly within 5 s, voicemail-beep timing, against an energy-only baseline (Asterisk"
                + " app_amd defaults) in the same run. Progress goes to stderr. No stack needed."})
final class DialStatusBenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cases", defaultValue = "240", description = "Calls in the main set (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--snrs", defaultValue = "30,20,10", split = ",", paramLabel = "DB",
            description = "Line SNRs in dB, cycled through each kind of call; 'clean' for no noise (default: ${DEFAULT-VALUE}).")
    List<String> snrs;

    @Option(names = "--answer-signal", description = "Tell the detector when the far end answered, as SIP signalling would"
            + " (default: it infers the answer from the audio).")
    boolean answerSignal;

    @Option(names = "--no-hard", description = "Leave out the hard cases (reported apart: long live greetings, beep-less"
            + " short voicemails, beep-only voicemails, silent answers without ringback).")
    boolean noHard;

    @Override
    public Integer call() {
        if (cases < 7) {
            throw new ParameterException(spec.commandLine(), "--cases must be at least 7 (one call of each kind)");
        }
        DialStatusBenchmark.run(new DialStatusBenchmark.Options(cases, seed, parseSnrs(), answerSignal, !noHard), System.out,
                System.err);
        return 0;
    }

    List<Double> parseSnrs() {
        List<Double> out = new ArrayList<>();
        for (String s : snrs) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (v.equals("clean") || v.equals("inf")) {
                out.add(Double.POSITIVE_INFINITY);
                continue;
            }
            try {
                out.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--snrs: not a number of dB: '" + s + "'");
            }
        }
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--snrs needs at least one value");
        }
        return out;
    }
}
