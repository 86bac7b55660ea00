package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.CallEvent.Direction;
import io.callsight.events.Track;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoCallScriptParserTest {

    private static String script(String lines) {
        return """
                {"callId": "c-1", "tenant": "acme-bank", "domain": "banking", "direction": "INBOUND",
                 "agentId": "agent-17", "startTime": "2025-03-03T09:12:00Z", "lines": [%s]}
                """.formatted(lines);
    }

    @Test
    void parsesAllFields() {
        DemoCallScript s = DemoCallScriptParser.parse(script("""
                {"speaker": "AGENT", "text": " Hello, this call may be recorded. ", "pauseBeforeMs": 600},
                {"speaker": "CUSTOMER", "text": "Okay.", "overlapMs": 300}
                """), "bank-01-card-lost.json");
        assertEquals("bank-01-card-lost", s.name());
        assertEquals("c-1", s.callId());
        assertEquals("acme-bank", s.tenant());
        assertEquals("banking", s.domain());
        assertEquals(Direction.INBOUND, s.direction());
        assertEquals("agent-17", s.agentId());
        assertEquals(Instant.parse("2025-03-03T09:12:00Z"), s.startTime());
        assertEquals(new ScriptLine(Track.AGENT, "Hello, this call may be recorded.", 600, 0), s.lines().get(0));
        assertEquals(new ScriptLine(Track.CUSTOMER, "Okay.", 0, 300), s.lines().get(1));
    }

    @Test
    void derivesTheSameStartTimeEveryTimeWhenNoneIsGiven() {
        String json = script("{\"speaker\": \"AGENT\", \"text\": \"Hi.\"}").replace("\"startTime\": \"2025-03-03T09:12:00Z\",", "");
        Instant first = DemoCallScriptParser.parse(json, "a.json").startTime();
        assertEquals(first, DemoCallScriptParser.parse(json, "a.json").startTime());
        assertTrue(first.isAfter(Instant.parse("2025-03-03T07:59:00Z")) && first.isBefore(Instant.parse("2025-03-07T18:00:00Z")));
    }

    @Test
    void rejectsUnknownSpeakerNamingFileAndLine() {
        assertError("bad.json: line 2: unknown speaker 'BOT' (expected AGENT or CUSTOMER)", script("""
                {"speaker": "AGENT", "text": "Hello."},
                {"speaker": "BOT", "text": "Beep."}
                """));
    }

    @Test
    void rejectsEmptyText() {
        assertError("bad.json: line 1: text is empty", script("{\"speaker\": \"AGENT\", \"text\": \"  \"}"));
    }

    @Test
    void rejectsNegativePause() {
        assertError("bad.json: line 1: pauseBeforeMs is negative (-5)",
                script("{\"speaker\": \"AGENT\", \"text\": \"Hi.\", \"pauseBeforeMs\": -5}"));
    }

    @Test
    void rejectsOverlapOnTheFirstLineAndOverlapWithOneself() {
        assertError("bad.json: line 1: overlapMs must be 0, there is nothing before the first line to overlap",
                script("{\"speaker\": \"AGENT\", \"text\": \"Hi.\", \"overlapMs\": 100}"));
        assertError("bad.json: line 2: overlaps the previous line of the same speaker AGENT; one person cannot talk over themselves",
                script("""
                        {"speaker": "AGENT", "text": "Hi."},
                        {"speaker": "AGENT", "text": "Again.", "overlapMs": 100}
                        """));
    }

    @Test
    void rejectsPauseAndOverlapTogether() {
        assertError("bad.json: line 2: has both pauseBeforeMs 200 and overlapMs 100; a line either waits or overlaps",
                script("""
                        {"speaker": "AGENT", "text": "Hi."},
                        {"speaker": "CUSTOMER", "text": "Yes.", "pauseBeforeMs": 200, "overlapMs": 100}
                        """));
    }

    @Test
    void rejectsMissingHeaderFieldsAndBadDirection() {
        assertError("bad.json: tenant is missing or empty", script("{\"speaker\": \"AGENT\", \"text\": \"Hi.\"}")
                .replace("\"tenant\": \"acme-bank\",", ""));
        assertError("bad.json: direction 'SIDEWAYS' is unknown (expected INBOUND or OUTBOUND)",
                script("{\"speaker\": \"AGENT\", \"text\": \"Hi.\"}").replace("INBOUND", "SIDEWAYS"));
        assertError("bad.json: has no lines", script(""));
    }

    @Test
    void rejectsMalformedJsonAndUnknownFieldsWithTheFileName() {
        InvalidScriptException broken = assertThrows(InvalidScriptException.class,
                () -> DemoCallScriptParser.parse("{\"callId\": ", "bad.json"));
        assertTrue(broken.getMessage().startsWith("bad.json: not a valid call script"), broken.getMessage());
        InvalidScriptException typo = assertThrows(InvalidScriptException.class, () -> DemoCallScriptParser.parse(
                script("{\"speaker\": \"AGENT\", \"txt\": \"Hi.\"}"), "bad.json"));
        assertTrue(typo.getMessage().contains("txt"), typo.getMessage());
    }

    private static void assertError(String expected, String json) {
        InvalidScriptException e = assertThrows(InvalidScriptException.class,
                () -> DemoCallScriptParser.parse(json, "bad.json"));
        assertEquals(expected, e.getMessage());
    }
}
