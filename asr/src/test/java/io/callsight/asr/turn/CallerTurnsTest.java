package io.callsight.asr.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.asr.recognition.VoskRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real recognizer on the caller track of a demo call, fed 20 ms μ-law frames as a bot's media stream brings
 * them: every caller line must end a turn close to where its speech ended, and the turns together must say what
 * the script says.
 */
class CallerTurnsTest {
    private static final Path CALLS = Path.of(System.getProperty("callsight.root", "..")).resolve("datasets/demo-calls/audio");
    private static VoskRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = VoskRecognizer.withDefaultModel();
    }

    @AfterAll
    static void release() {
        recognizer.close();
    }

    record Line(long startMs, long endMs, String text) {}

    private static List<Line> customerLines(String call) throws Exception {
        JsonNode json = new ObjectMapper().readTree(Files.readString(CALLS.resolve(call + ".json")));
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : json.get("lines")) {
            if (l.get("speaker").asText().equals("CUSTOMER")) {
                lines.add(new Line(l.get("startMs").asLong(), l.get("endMs").asLong(), l.get("text").asText()));
            }
        }
        return lines;
    }

    private static List<TurnEvent> feed(byte[] ulaw, CallerTurns turns) {
        List<TurnEvent> events = new ArrayList<>();
        for (int at = 0; at + 160 <= ulaw.length; at += 160) {
            events.addAll(turns.accept(Arrays.copyOfRange(ulaw, at, at + 160), at / 8));
        }
        return events;
    }

    @Test
    void endsATurnWhereEachCallerLineEndsAndHearsItsWords() throws Exception {
        String call = "bank-01-card-lost";
        WavAudio audio = WavFile.read(CALLS.resolve(call + ".wav"));
        List<Line> lines = customerLines(call);
        List<TurnEvent> events;
        try (CallerTurns turns = new CallerTurns(recognizer, "acme-bank", "c-1", CallerTurns.Config.defaults())) {
            events = feed(audio.channelBytes()[0], turns);
        }
        List<TurnEvent.TurnEnded> ended = events.stream().filter(e -> e instanceof TurnEvent.TurnEnded)
                .map(e -> (TurnEvent.TurnEnded) e).toList();
        StringBuilder said = new StringBuilder();
        for (TurnEvent.TurnEnded t : ended) {
            said.append(t.text()).append(' ');
        }
        for (Line line : lines) {
            // the rendered line's end includes the voice's fading tail, which the detector does not count as voiced
            boolean found = ended.stream().anyMatch(t -> t.speechEndedMs() >= line.endMs() - 350
                    && t.speechEndedMs() <= line.endMs() + 150
                    && t.atMs() - t.speechEndedMs() >= 400 && t.atMs() - t.speechEndedMs() < 450);
            assertTrue(found, "no turn ended near the line ending at " + line.endMs() + " ms: " + ended);
        }
        assertEquals(lines.size(), ended.size(), "one turn per caller line, none split at a sentence pause: " + ended);
        String script = String.join(" ", lines.stream().map(Line::text).toList());
        double wer = WordErrorRate.of(script, said.toString());
        assertTrue(wer < 0.25, "WER " + wer + ": " + said);
        // partials come before their turn ends, and grow
        long firstPartial = events.stream().filter(e -> e instanceof TurnEvent.Partial).mapToLong(TurnEvent::atMs).min().orElseThrow();
        assertTrue(firstPartial < ended.get(0).atMs());
        assertTrue(events.stream().anyMatch(e -> e instanceof TurnEvent.SpeechStarted s
                && Math.abs(s.atMs() - lines.get(0).startMs()) < 300), "speech start of the first line");
    }

    @Test
    void silenceAndCommonNoiseEndNoTurn() {
        byte[] silence = new byte[8000 * 5];
        Arrays.fill(silence, (byte) 0xFF);
        java.util.Random random = new java.util.Random(7);
        byte[] hiss = new byte[8000 * 5];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = io.callsight.asr.audio.G711.ulawEncode((short) (random.nextGaussian() * 60));
        }
        try (CallerTurns turns = new CallerTurns(recognizer, "t", "c", CallerTurns.Config.defaults())) {
            List<TurnEvent> events = new ArrayList<>(feed(silence, turns));
            events.addAll(feed(hiss, turns));
            assertEquals(List.of(), events.stream().filter(e -> e instanceof TurnEvent.TurnEnded).toList());
        }
    }
}
