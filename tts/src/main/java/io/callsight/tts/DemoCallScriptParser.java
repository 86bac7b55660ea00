package io.callsight.tts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.events.CallEvent.Direction;
import io.callsight.events.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses demo call scripts and checks them before any audio is made: a typo found after ten minutes of
 * synthesis is ten minutes lost. Every error names the file and, where it applies, the 1-based line.
 */
public final class DemoCallScriptParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** Calls without a startTime are placed in office hours (08:00-18:00 UTC) of this week's working days. */
    private static final LocalDateTime DEFAULT_START_MONDAY = LocalDateTime.of(2025, 3, 3, 8, 0);
    private static final int OFFICE_MINUTES_PER_DAY = 10 * 60;
    private static final int WORKING_DAYS = 5;

    private DemoCallScriptParser() {
    }

    public static DemoCallScript parse(Path file) throws IOException {
        return parse(Files.readString(file), file.getFileName().toString());
    }

    /** @param fileName used for the script's name and in error messages */
    public static DemoCallScript parse(String json, String fileName) {
        RawScript raw;
        try {
            raw = JSON.readValue(json, RawScript.class);
        } catch (JsonProcessingException e) {
            throw new InvalidScriptException(fileName + ": not a valid call script: " + e.getOriginalMessage(), e);
        }
        if (raw == null) {
            throw new InvalidScriptException(fileName + ": file holds no script");
        }
        return new Validator(fileName).validate(raw);
    }

    /** Mirrors the JSON; everything is optional here so that missing fields get our messages, not Jackson's. */
    private record RawScript(String callId, String tenant, String domain, String direction, String agentId,
            String startTime, List<RawLine> lines) {
    }

    private record RawLine(String speaker, String text, Integer pauseBeforeMs, Integer overlapMs) {
    }

    private static final class Validator {
        private final String fileName;

        Validator(String fileName) {
            this.fileName = fileName;
        }

        DemoCallScript validate(RawScript raw) {
            String callId = required("callId", raw.callId());
            List<ScriptLine> lines = lines(raw.lines());
            return new DemoCallScript(
                    fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName,
                    callId,
                    required("tenant", raw.tenant()),
                    required("domain", raw.domain()),
                    direction(raw.direction()),
                    required("agentId", raw.agentId()),
                    startTime(raw.startTime(), callId),
                    lines);
        }

        private List<ScriptLine> lines(List<RawLine> rawLines) {
            if (rawLines == null || rawLines.isEmpty()) {
                throw error("has no lines");
            }
            List<ScriptLine> lines = new ArrayList<>(rawLines.size());
            for (int i = 0; i < rawLines.size(); i++) {
                ScriptLine line = line(i + 1, rawLines.get(i));
                if (line.overlapMs() > 0 && i == 0) {
                    throw error("line 1: overlapMs must be 0, there is nothing before the first line to overlap");
                }
                if (line.overlapMs() > 0 && lines.get(i - 1).speaker() == line.speaker()) {
                    throw error("line " + (i + 1) + ": overlaps the previous line of the same speaker "
                            + line.speaker() + "; one person cannot talk over themselves");
                }
                lines.add(line);
            }
            return lines;
        }

        private ScriptLine line(int number, RawLine raw) {
            String where = "line " + number + ": ";
            if (raw == null) {
                throw error(where + "is null");
            }
            Track speaker = speaker(where, raw.speaker());
            if (raw.text() == null || raw.text().isBlank()) {
                throw error(where + "text is empty");
            }
            int pause = nonNegative(where, "pauseBeforeMs", raw.pauseBeforeMs());
            int overlap = nonNegative(where, "overlapMs", raw.overlapMs());
            if (pause > 0 && overlap > 0) {
                throw error(where + "has both pauseBeforeMs " + pause + " and overlapMs " + overlap
                        + "; a line either waits or overlaps");
            }
            return new ScriptLine(speaker, raw.text().strip(), pause, overlap);
        }

        private Track speaker(String where, String value) {
            if (Track.AGENT.name().equals(value)) {
                return Track.AGENT;
            }
            if (Track.CUSTOMER.name().equals(value)) {
                return Track.CUSTOMER;
            }
            throw error(where + (value == null ? "speaker is missing" : "unknown speaker '" + value + "'")
                    + " (expected AGENT or CUSTOMER)");
        }

        private int nonNegative(String where, String field, Integer value) {
            if (value == null) {
                return 0;
            }
            if (value < 0) {
                throw error(where + field + " is negative (" + value + ")");
            }
            return value;
        }

        private Direction direction(String value) {
            if (Direction.INBOUND.name().equals(value)) {
                return Direction.INBOUND;
            }
            if (Direction.OUTBOUND.name().equals(value)) {
                return Direction.OUTBOUND;
            }
            throw error("direction " + (value == null ? "is missing" : "'" + value + "' is unknown")
                    + " (expected INBOUND or OUTBOUND)");
        }

        /**
         * An explicit ISO instant, or one derived from the call id: the same script always gets the same
         * time, so re-rendering never changes the reference data.
         */
        private Instant startTime(String value, String callId) {
            if (value == null) {
                int slot = Math.floorMod(callId.hashCode(), WORKING_DAYS * OFFICE_MINUTES_PER_DAY);
                return DEFAULT_START_MONDAY
                        .plusDays(slot / OFFICE_MINUTES_PER_DAY)
                        .plusMinutes(slot % OFFICE_MINUTES_PER_DAY)
                        .toInstant(ZoneOffset.UTC);
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw error("startTime '" + value + "' is not an ISO-8601 instant like 2025-03-03T09:12:00Z");
            }
        }

        private String required(String field, String value) {
            if (value == null || value.isBlank()) {
                throw error(field + " is missing or empty");
            }
            return value;
        }

        private InvalidScriptException error(String problem) {
            return new InvalidScriptException(fileName + ": " + problem);
        }
    }
}
