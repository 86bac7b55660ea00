package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.asr.turn.CallerTurns;
import io.callsight.dialog.engine.Outcome;
import io.callsight.dialog.flow.IntentCatalog;
import io.callsight.dialog.registry.FlowRegistry;
import io.callsight.tenants.Role;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.TestTenants;
import io.callsight.voicebot.client.CalleeAudio;
import io.callsight.voicebot.client.TwilioImitator;
import io.callsight.voicebot.server.GatewayServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbound appointment reminder over the real gateway: the line rings, then a person, a voicemail or a busy
 * signal; the bot must tell which from the audio, act on it, and report the dial status.
 */
class OutboundCallTest {
    private static final Path ROOT = Path.of(System.getProperty("callsight.root", ".."));
    private static final IssuedApiKey KEY = new ApiKeys().create("shield-insurance", Role.INGEST);
    private static final LinkedBlockingQueue<BotSessionReport> reports = new LinkedBlockingQueue<>();
    private static VoskRecognizer recognizer;
    private static StreamingSynthesizer synthesizer;
    private static FlowRegistry flows;
    private static ExecutorService workers;
    private static ScheduledExecutorService timers;
    private static GatewayServer server;
    private static CallerVoice callee;

    @BeforeAll
    static void start() throws Exception {
        recognizer = VoskRecognizer.withDefaultModel();
        synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(32 << 20));
        callee = new CallerVoice(synthesizer, Voice.CALLER_BRISK);
        IntentCatalog intents = IntentCatalog.load(List.of(ROOT.resolve("datasets/demo-intents"))).catalog();
        flows = new FlowRegistry(ROOT.resolve("datasets/flows"), intents);
        assertEquals(List.of(), flows.reload().errors());
        workers = Executors.newFixedThreadPool(4);
        timers = Executors.newSingleThreadScheduledExecutor();
        BotServices services = new BotServices(recognizer, synthesizer, Voice.AGENT, flows,
                CallerIntents.of(null, intents), CallerTurns.Config.defaults(), workers, timers,
                call -> CallRecorder.NONE, reports::add, Clock.systemUTC());
        server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> TestTenants.of("shield-insurance", KEY), new BotBrain(services));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        workers.shutdownNow();
        timers.shutdownNow();
        synthesizer.close();
        recognizer.close();
        flows.close();
    }

    private static BotSessionReport dial(byte[] line, boolean botHangsUp) throws Exception {
        reports.clear();
        try (TwilioImitator twilio = TwilioImitator.builder(URI.create("ws://127.0.0.1:" + server.port() + GatewayServer.PATH))
                .apiKeyParameter(KEY.key()).customParameter("flow", "appointment-reminder").callerAudio(line).connect()) {
            if (botHangsUp) {
                assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(40)), "the bot ends the call");
            } else {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (twilio.played().isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                Thread.sleep(1000);
                twilio.hangUp().get(10, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), twilio.errors());
        }
        return reports.poll(10, TimeUnit.SECONDS);
    }

    @Test
    void aPersonAnswersAndTheReminderStarts() throws Exception {
        byte[] line = new CalleeAudio().ringback(6000).silence(300).speech(callee.say("Hello?")).silence(200).ulaw();
        BotSessionReport report = dial(line, false);
        assertEquals("ANSWERED_HUMAN", report.dialStatus(), report.toString());
        assertTrue(report.dialDecidedMs() < 6300 + 5000, "decided within 5 s of the answer: " + report.dialDecidedMs());
        assertEquals("GREETING", report.session().turns().get(0).result().name(), report.toString());
    }

    @Test
    void aVoicemailGetsTheFlowsMessageAfterTheBeep() throws Exception {
        byte[] line = new CalleeAudio().ringback(2000).silence(500)
                .speech(callee.say("Hi, you've reached Sam Parker. I can't take your call right now, please leave a message after the tone."))
                .silence(300).beep(400).ulaw();
        BotSessionReport report = dial(line, true);
        assertEquals("ANSWERED_MACHINE", report.dialStatus(), report.toString());
        assertEquals(Outcome.Kind.VOICEMAIL, report.session().outcome().kind(), report.toString());
        assertTrue(report.turns().stream().anyMatch(t -> t.trigger().equals("voicemail") && t.playedMs() > 3000), report.toString());
    }

    @Test
    void aBusyLineIsHungUpOnWithoutAWord() throws Exception {
        BotSessionReport report = dial(new CalleeAudio().busy(8000).ulaw(), true);
        assertEquals("BUSY", report.dialStatus(), report.toString());
        assertTrue(report.dialDecidedMs() < 5000, report.toString());
        assertEquals(List.of(), report.turns(), "the bot said nothing");
    }
}
