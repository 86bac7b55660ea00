package io.callsight.tts;

import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link DemoCallScript} the way a contact-center recorder would have captured it: a stereo 8 kHz
 * WAV with the customer on the left channel and the agent on the right (AudioHook's channel order), plus a
 * sidecar JSON with each line's timing that serves as the reference transcript.
 *
 * <p>Rendering is deterministic for a deterministic synthesizer: same script, same bytes.
 */
public final class DemoCallRenderer {
    public static final int TELEPHONY_RATE = 8000;
    /** Recordings rarely stop the instant the last word ends; a short tail also lets VAD close the last turn. */
    static final int TRAILING_SILENCE_MS = 500;

    private final SpeechSynthesizer synthesizer;
    private final AudioCodec codec;

    /** Renders to μ-law, what telephony recorders store. */
    public DemoCallRenderer(SpeechSynthesizer synthesizer) {
        this(synthesizer, AudioCodec.PCMU);
    }

    public DemoCallRenderer(SpeechSynthesizer synthesizer, AudioCodec codec) {
        this.synthesizer = synthesizer;
        this.codec = codec;
    }

    public AudioCodec codec() {
        return codec;
    }

    /**
     * Places every line on its speaker's track. A line starts {@code pauseBeforeMs} after the latest audio so
     * far has ended, or {@code overlapMs} before that; it never starts before the line above it, so the audio
     * keeps the script's order even when an overlap is longer than the line it overlaps.
     */
    public RenderedCall render(DemoCallScript script) {
        TrackBuffer customer = new TrackBuffer();
        TrackBuffer agent = new TrackBuffer();
        List<LineTiming> timings = new ArrayList<>();
        int latestEnd = 0;
        int previousStart = 0;
        for (int i = 0; i < script.lines().size(); i++) {
            ScriptLine line = script.lines().get(i);
            short[] speech = speak(script, i + 1, line);
            int start = Math.max(previousStart,
                    Math.max(0, latestEnd + samples(line.pauseBeforeMs()) - samples(line.overlapMs())));
            int end = start + speech.length;
            (line.speaker() == Track.CUSTOMER ? customer : agent).mixAt(start, speech);
            timings.add(new LineTiming(line.speaker(), line.text(), millis(start), millis(end)));
            latestEnd = Math.max(latestEnd, end);
            previousStart = start;
        }
        int total = latestEnd + samples(TRAILING_SILENCE_MS);
        customer.ensureLength(total);
        agent.ensureLength(total);
        return new RenderedCall(script, TELEPHONY_RATE, customer.toArray(), agent.toArray(), timings);
    }

    /**
     * Renders {@code script} into {@code outDir} as {@code <name>.wav} and {@code <name>.json}. The sidecar is
     * written last and both files appear atomically, so a complete sidecar means a complete rendering.
     */
    public RenderedCall renderTo(DemoCallScript script, Path outDir) throws IOException {
        RenderedCall call = render(script);
        Files.createDirectories(outDir);
        Path wav = wavFile(outDir, script.name());
        Path wavTemp = outDir.resolve(wav.getFileName() + ".tmp");
        WavFile.write(wavTemp, call.sampleRate(), codec, call.customer(), call.agent());
        Files.move(wavTemp, wav, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        CallReference.of(call, wav.getFileName().toString(), codec).write(referenceFile(outDir, script.name()));
        return call;
    }

    public static Path wavFile(Path outDir, String scriptName) {
        return outDir.resolve(scriptName + ".wav");
    }

    public static Path referenceFile(Path outDir, String scriptName) {
        return outDir.resolve(scriptName + ".json");
    }

    private short[] speak(DemoCallScript script, int lineNumber, ScriptLine line) {
        short[] synthesized = synthesizer.synthesize(line.text(), Voice.forTrack(line.speaker()));
        short[] telephone = Resampler.resample(synthesized, synthesizer.sampleRate(), TELEPHONY_RATE);
        short[] speech = SilenceTrimmer.trim(telephone, TELEPHONY_RATE);
        if (speech.length == 0) {
            throw new IllegalStateException(script.name() + ": line " + lineNumber
                    + ": the synthesizer returned only silence for \"" + line.text() + "\"");
        }
        return speech;
    }

    private static int samples(int millis) {
        return (int) ((long) millis * TELEPHONY_RATE / 1000);
    }

    private static long millis(int samples) {
        return Math.round(samples * 1000.0 / TELEPHONY_RATE);
    }
}
