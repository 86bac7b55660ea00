package io.callsight.asr.bench;

import io.callsight.events.Track;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scripted call rendered to audio, with what each speaker said and when: the ground truth the engine's
 * benchmarks score against. Plain data, so whoever renders the calls (the demo-call generator) hands it over
 * without the engine depending on the synthesizer.
 */
public record ReferenceCall(String name, Path wav, List<Line> lines) {

    /** One turn of the script and where it sits in the rendered audio. */
    public record Line(Track speaker, long startMs, long endMs, String text) {
    }

    /** What the speaker on {@code track} said, in order: the reference for word error rate. */
    public String script(Track track) {
        return lines.stream().filter(l -> l.speaker() == track).map(Line::text).collect(Collectors.joining(" "));
    }
}
