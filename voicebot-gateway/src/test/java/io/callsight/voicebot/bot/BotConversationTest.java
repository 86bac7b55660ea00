package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.TestTenants;
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
 * The whole bot on the real gateway: Vosk hears the caller, the demo tenant's flow and intents decide, MaryTTS
 * speaks, the imitator plays Twilio. The caller's lines are MaryTTS too, in a caller voice.
 */
class BotConversationTest {
    private static final Path ROOT = Path.of(System.getProperty("callsight.root", ".."));
    private static VoskRecognizer recognizer;
    private static StreamingSynthesizer synthesizer;
    private static CallerVoice caller;
    private static FlowRegistry flows;
    private static ExecutorService workers;
    private static ScheduledExecutorService timers;
    private static final LinkedBlockingQueue<BotSessionReport> reports = new LinkedBlockingQueue<>();
    private static final IssuedApiKey KEY = new ApiKeys().create("acme-bank", Role.INGEST);
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        recognizer = VoskRecognizer.withDefaultModel();
        synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(32 << 20));
        caller = new CallerVoice(synthesizer, Voice.CALLER_LOW);
        IntentCatalog intents = IntentCatalog.load(List.of(ROOT.resolve("datasets/demo-intents"))).catalog();
        flows = new FlowRegistry(ROOT.resolve("datasets/flows"), intents);
        assertEquals(List.of(), flows.reload().errors());
        workers = Executors.newFixedThreadPool(4);
        timers = Executors.newSingleThreadScheduledExecutor();
        BotServices services = new BotServices(recognizer, synthesizer, Voice.AGENT, flows,
                CallerIntents.of(null, intents), CallerTurns.Config.defaults(), workers, timers,
                call -> CallRecorder.NONE, reports::add, Clock.systemUTC());
        BotBrain brain = new BotBrain(services);
        brain.warmUp(List.of(flows.flow("acme-bank", "balance-and-cards").orElseThrow()));
        server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> TestTenants.of("acme-bank", KEY), brain);
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

    private static TwilioImitator call(String flow) {
        return TwilioImitator.builder(URI.create("ws://127.0.0.1:" + server.port() + GatewayServer.PATH))
                .apiKeyParameter(KEY.key()).customParameter("flow", flow).connect();
    }

    @Test
    void reportsALostCardAndIsPutThroughToTheCardsTeam() throws Exception {
        reports.clear();
        byte[] lostCard = caller.say("I lost my debit card");
        byte[] confirm = caller.say("yes that's right");
        try (TwilioImitator twilio = call("balance-and-cards")) {
            var lost = twilio.sayWhenBotFinishes(lostCard);
            lost.get(30, TimeUnit.SECONDS); // not thenCompose: that would run on the imitator's own thread and block it
            twilio.sayWhenBotFinishes(confirm).get(30, TimeUnit.SECONDS);
            assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(30)), "the bot hangs up after the transfer prompt");
            assertEquals(List.of(), twilio.errors());
            long answer = twilio.firstPlayedAfter(lost.get().endNanos()).orElseThrow() - lost.get().endNanos();
            assertTrue(answer < 2_000_000_000L, "answered " + answer / 1_000_000 + " ms after the caller stopped");
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.TRANSFERRED, report.session().outcome().kind(), report.toString());
        assertEquals("cards", report.session().outcome().queue());
        assertEquals(CallEndReason.BOT_HANG_UP, report.endReason());
        assertTrue(report.turns().stream().anyMatch(t -> t.trigger().equals("speech") && t.responseMs() > 0), report.toString());
    }

    @Test
    void theCallerCutsTheGreetingShortAndIsHeard() throws Exception {
        reports.clear();
        try (TwilioImitator twilio = call("balance-and-cards")) {
            var interrupt = twilio.sayDuringBotAudio(Duration.ofMillis(800), caller.say("I want to check my balance please"));
            interrupt.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (twilio.clearsReceived().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(twilio.clearsReceived().isEmpty(), "the bot stopped talking");
            long stop = twilio.clearsReceived().get(0) - interrupt.get().startNanos();
            assertTrue(stop < 2_000_000_000L, "clear " + stop / 1_000_000 + " ms after the caller started");
            // the account-number prompt follows the interruption
            var digits = twilio.sayWhenBotFinishes(caller.say("one two three four five six seven eight")).get(30, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (twilio.firstPlayedAfter(digits.endNanos()).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50); // the bot's answer to the digits (its confirmation question)
            }
            twilio.hangUp().get(10, TimeUnit.SECONDS);
        }
        BotSessionReport report = reports.poll(10, TimeUnit.SECONDS);
        assertEquals(1, report.bargeIns().size(), report.toString());
        assertTrue(report.session().turns().stream().anyMatch(t -> t.bargedIn()), report.toString());
        var last = report.session().turns().get(report.session().turns().size() - 1);
        assertEquals("ask_account", last.state(), report.toString());
        assertEquals(List.of("I heard 1 2 3 4 5 6 7 8.", "Is that right?"), last.botSaid(), "the digits are read back to confirm");
    }

    @Test
    void refusesACallForAFlowItsTenantDoesNotHave() throws Exception {
        try (TwilioImitator twilio = call("no-such-flow")) {
            assertEquals(1011, twilio.awaitClose(Duration.ofSeconds(10)));
        }
    }
}
