package io.callsight.cli;

import io.callsight.asr.bench.ReferenceCall;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.events.AudioCodec;
import io.callsight.events.Track;
import io.callsight.search.query.TranscriptQueries;
import io.callsight.tts.CallReference;
import io.callsight.tts.DemoCallGenerator;
import io.callsight.tts.DemoCallRenderer;
import io.callsight.tts.MaryTtsSynthesizer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The scripted demo calls: rendered to audio on first use, with their scripts as reference transcripts. */
final class DemoCalls {
    private static final io.callsight.nlp.redaction.Redactor REFERENCE_REDACTOR =
            new io.callsight.nlp.redaction.Redactor(io.callsight.nlp.redaction.RedactionPolicy.all());

    private DemoCalls() {
    }

    /** A rendered call: its stereo WAV and the script timing it was rendered from. */
    record DemoCall(Path wav, CallReference reference) {
        String name() {
            String file = wav.getFileName().toString();
            return file.substring(0, file.length() - ".wav".length());
        }

        /** The script as the engine's benchmarks take it: plain data, no tts types. */
        ReferenceCall transcripts() {
            return new ReferenceCall(name(), wav, reference.lines().stream()
                    .map(l -> new ReferenceCall.Line(l.speaker(), l.startMs(), l.endMs(), l.text())).toList());
        }

        /** What the speaker on {@code track} said, in order: the reference for word error rate. */
        String script(Track track) {
            return transcripts().script(track);
        }

        /** The script's lines with their rendered start times: what compliance rules are checked against. */
        List<io.callsight.nlp.rules.TimedUtterance> scriptLines() {
            return reference.lines().stream()
                    .map(l -> new io.callsight.nlp.rules.TimedUtterance(l.speaker(), l.startMs(), l.text())).toList();
        }

        /**
         * Both tracks of an indexed transcript against the script, pooled. The index holds redacted text (the
         * account number read out becomes "[DIGITS]"), so the script is redacted the same way (the default policy,
         * as for a tenant without a tenant.yaml): the score measures recognition, not redaction.
         */
        WordErrorRate.Score score(List<TranscriptQueries.Line> transcript) {
            WordErrorRate.Score score = WordErrorRate.Score.ZERO;
            for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
                score = score.plus(WordErrorRate.score(REFERENCE_REDACTOR.redact(script(track)).text(),
                        transcript.stream().filter(l -> l.track().equals(track.name()))
                                .map(TranscriptQueries.Line::text).collect(Collectors.joining(" "))));
            }
            return score;
        }
    }

    static Path scriptsDir() {
        return Path.of(System.getProperty("callsight.root", ".")).resolve("datasets/demo-calls");
    }

    static Path audioDir() {
        return scriptsDir().resolve("audio");
    }

    /** Renders the calls that are not rendered yet (MaryTTS, ~0.5 s per sentence) and lists all of them. */
    static List<DemoCall> ensureRendered(PrintStream progress) {
        try {
            DemoCallGenerator generator = new DemoCallGenerator(
                    () -> new DemoCallRenderer(new MaryTtsSynthesizer(), AudioCodec.PCMU));
            DemoCallGenerator.Summary summary = generator.generate(scriptsDir(), audioDir(), false,
                    (index, total, name, rendered, seconds) -> {
                        if (rendered) {
                            progress.printf(Locale.ROOT, "rendering demo calls [%d/%d] %s (%.1f s of audio)%n",
                                    index, total, name, seconds);
                        }
                    });
            if (summary.rendered() > 0) {
                progress.printf(Locale.ROOT, "rendered %d demo calls in %.1f s%n", summary.rendered(),
                        summary.elapsedMs() / 1000.0);
            }
            return list();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render demo calls: " + e.getMessage(), e);
        }
    }

    static List<DemoCall> list() throws IOException {
        List<DemoCall> calls = new ArrayList<>();
        try (Stream<Path> files = Files.list(audioDir())) {
            for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                Path sidecar = wav.resolveSibling(wav.getFileName().toString().replaceAll("\\.wav$", ".json"));
                calls.add(new DemoCall(wav, CallReference.read(sidecar)));
            }
        }
        return calls;
    }
}
