package io.callsight.cli;

import io.callsight.asr.recognition.Denoising;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.RecordedTrack;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.recognition.StreamingTranscription;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.CallRecording;
import io.callsight.ingest.ImportException;
import io.callsight.ingest.RecordingReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = {"Transcribe recordings locally with the speech job's engine code; no stack needed.",
                "Prints one line per track, `TRACK: transcript` (prefixed by the file name when several files are "
                        + "given). Accepts what `import` accepts; mono = customer. Logs go to stderr."})
final class TranscribeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "WAV", description = "Recordings to transcribe.")
    List<Path> files;

    @Option(names = "--words", description = "Also print every word with its start/end time and confidence.")
    boolean words;

    @Option(names = "--denoise", defaultValue = "rnn", paramLabel = "none|spectral|rnn",
            converter = DenoisingConverter.class,
            description = "Noise suppression before recognition (default: ${DEFAULT-VALUE}).")
    Denoising denoise;

    @Option(names = "--vad", defaultValue = "off", paramLabel = "on|off", arity = "1",
            converter = OnOffConverter.class,
            description = "Skip long silences with voice activity detection (default: ${DEFAULT-VALUE}).")
    boolean vad;

    static final class DenoisingConverter implements picocli.CommandLine.ITypeConverter<Denoising> {
        @Override
        public Denoising convert(String value) {
            try {
                return Denoising.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of none, spectral, rnn");
            }
        }
    }

    static final class OnOffConverter implements picocli.CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not on or off");
            };
        }
    }

    @Override
    public Integer call() {
        RecordingReader reader = new RecordingReader("local");
        int failed = 0;
        try (VoskRecognizer recognizer = VoskRecognizer.withDefaultModel()) {
            for (Path file : files) {
                String prefix = files.size() > 1 ? file + " " : "";
                CallRecording call;
                try {
                    call = reader.read(file);
                } catch (ImportException e) {
                    System.err.println(file + ": " + e.getMessage());
                    failed++;
                    continue;
                }
                call.warnings().forEach(w -> System.err.println(file + ": warning: " + w));
                for (int channel = 0; channel < call.tracks().size(); channel++) {
                    Track track = call.tracks().get(channel);
                    List<Utterance> said = transcribe(recognizer, call, channel, frontEnd());
                    System.out.println(prefix + track + ": "
                            + said.stream().map(Utterance::text).collect(Collectors.joining(" ")));
                    if (words) {
                        for (Utterance u : said) {
                            for (Word w : u.words()) {
                                System.out.printf(Locale.ROOT, "%s  %8.2f %8.2f  %.2f  %s%n", prefix + track,
                                        w.startMs() / 1000.0, w.endMs() / 1000.0, w.confidence(), w.word());
                            }
                        }
                    }
                }
            }
        }
        return failed == 0 ? 0 : 2;
    }

    FrontEndConfig frontEnd() {
        return FrontEndConfig.defaults().withDenoising(denoise).withVad(vad);
    }

    /** One channel of the recording as {@code import} would send it: 100 ms frames, the job's engine code. */
    static List<Utterance> transcribe(SpeechRecognizer recognizer, CallRecording call, int channel,
            FrontEndConfig frontEnd) {
        RecordedTrack track = new RecordedTrack(call.tenant(), call.callId(), call.tracks().get(channel),
                call.audio().codec(), call.audio().sampleRate(), call.audio().channelBytes()[channel]);
        return StreamingTranscription.transcribe(recognizer, track, frontEnd, 100);
    }
}
