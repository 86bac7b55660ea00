package io.callsight.tts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callsight.events.AudioCodec;
import io.callsight.events.CallEvent.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sidecar written next to a rendered call: call metadata for import (tenant, ids, direction, start time)
 * and the reference transcript with per-line timing, against which recognition is scored (word error rate)
 * and QA metrics such as overtalk are checked.
 *
 * @param startTime ISO-8601 instant
 * @param leftChannel what the WAV's left channel carries; {@code rightChannel} likewise
 */
public record CallReference(
        String callId,
        String tenant,
        String domain,
        String agentId,
        Direction direction,
        String startTime,
        String audioFile,
        AudioCodec encoding,
        int sampleRate,
        String leftChannel,
        String rightChannel,
        long durationMs,
        List<LineTiming> lines) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static CallReference of(RenderedCall call, String audioFile, AudioCodec encoding) {
        DemoCallScript script = call.script();
        return new CallReference(script.callId(), script.tenant(), script.domain(), script.agentId(),
                script.direction(), script.startTime().toString(), audioFile, encoding, call.sampleRate(),
                "CUSTOMER", "AGENT", call.durationMs(), call.lines());
    }

    public static CallReference read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), CallReference.class);
    }

    /** Writes via a temporary file so a crash never leaves a half-written sidecar that looks complete. */
    public void write(Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
