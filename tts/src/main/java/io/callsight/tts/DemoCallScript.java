package io.callsight.tts;

import io.callsight.events.CallEvent.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A scripted two-party call from {@code datasets/demo-calls/}: who is calling whom, and what each side says
 * when. See that directory's README for the JSON format.
 *
 * @param name file name without {@code .json}; rendered files are named after it
 * @param startTime when the call "happened": fixed per call, so rendered reference data never changes
 */
public record DemoCallScript(
        String name,
        String callId,
        String tenant,
        String domain,
        Direction direction,
        String agentId,
        Instant startTime,
        List<ScriptLine> lines) {

    public DemoCallScript {
        lines = List.copyOf(lines);
    }

    /** Reads and validates a script file. */
    public static DemoCallScript load(Path file) throws IOException {
        return DemoCallScriptParser.parse(file);
    }
}
