package io.callsight.cli;

import io.callsight.tts.Voice;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.client.CallerSpeech;
import io.callsight.voicebot.client.TwilioImitator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Scripted callers of the example flows: what the caller says (in a caller voice, synthesized once), whether a line
 * interrupts the bot, and the outcome the flow must reach. One call runs over a real WebSocket as Twilio would.
 */
final class BotCallScripts {
    private BotCallScripts() {
    }

    /** {@code bargeInAfterMs}: say the line this long into the bot's prompt instead of after it (-1: after). */
    record Line(String text, long bargeInAfterMs) {
        static Line after(String text) {
            return new Line(text, -1);
        }

        static Line interrupting(String text, long afterMs) {
            return new Line(text, afterMs);
        }
    }

    record Script(String name, String tenant, String flow, List<Line> lines, String expectedOutcome, String expectedQueue) {}

    /** The example flows' own caller scripts. */
    static final List<Script> SCRIPTS = List.of(
            new Script("lost-card", "acme-bank", "balance-and-cards",
                    List.of(Line.after("I lost my debit card"), Line.after("yes that's right")), "TRANSFERRED", "cards"),
            new Script("lost-card-barge-in", "acme-bank", "balance-and-cards",
                    List.of(Line.interrupting("I think I lost my debit card", 900), Line.after("yes")), "TRANSFERRED", "cards"),
            new Script("close-account", "acme-bank", "balance-and-cards",
                    List.of(Line.after("I would like to close my account")), "TRANSFERRED", "accounts"));

    static Optional<Script> byName(String name) {
        return SCRIPTS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The lines of {@code scripts} as μ-law, synthesized once with {@code voice}. */
    static Map<String, byte[]> render(List<Script> scripts, StreamingSynthesizer synthesizer, Voice voice)
            throws InterruptedException {
        Map<String, byte[]> audio = new java.util.HashMap<>();
        for (Script s : scripts) {
            for (Line l : s.lines()) {
                if (!audio.containsKey(l.text())) {
                    audio.put(l.text(), CallerSpeech.say(synthesizer, voice, l.text()));
                }
            }
        }
        return audio;
    }

    /**
     * One call's measurements: response latency per answered line (end of the caller's clip → first bot audio played
     * after it), barge-in stop time (the clip's start → the bot's {@code clear}), how the socket closed.
     */
    record Result(Script script, List<Long> responseMs, List<Long> bargeInStopMs, int closeCode, List<String> errors,
            long durationMs) {}

    static Result run(URI url, String apiKey, Script script, Map<String, byte[]> audio, Duration timeout)
            throws Exception {
        return run(url, apiKey, script, audio, timeout, null);
    }

    /** {@code callSid}: the call's id on the bot's side (its session report carries it); null for a random one. */
    static Result run(URI url, String apiKey, Script script, Map<String, byte[]> audio, Duration timeout, String callSid)
            throws Exception {
        long started = System.nanoTime();
        List<Long> responses = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        int close;
        TwilioImitator.Builder builder = TwilioImitator.builder(url).apiKeyParameter(apiKey).customParameter("flow", script.flow());
        if (callSid != null) {
            builder.callSid(callSid);
        }
        try (TwilioImitator twilio = builder.connect()) {
            for (Line line : script.lines()) {
                byte[] clip = audio.get(line.text());
                TwilioImitator.Speech said;
                if (line.bargeInAfterMs() >= 0) {
                    int clearsBefore = twilio.clearsReceived().size();
                    said = twilio.sayDuringBotAudio(Duration.ofMillis(line.bargeInAfterMs()), clip)
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (twilio.clearsReceived().size() == clearsBefore && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    if (twilio.clearsReceived().size() > clearsBefore) {
                        stops.add((twilio.clearsReceived().get(clearsBefore) - said.startNanos()) / 1_000_000);
                    }
                } else {
                    said = twilio.sayWhenBotFinishes(clip).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                Optional<Long> answer;
                while ((answer = twilio.firstPlayedAfter(said.endNanos())).isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                answer.ifPresent(a -> responses.add((a - said.endNanos()) / 1_000_000));
            }
            close = twilio.awaitClose(timeout);
            return new Result(script, responses, stops, close, twilio.errors(), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
