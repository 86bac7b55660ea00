package io.callsight.voicebot.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.asr.turn.CallerTurns;
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
import io.callsight.voicebot.client.TwilioImitator;
import io.callsight.voicebot.server.GatewayServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The whole bot on a real gateway for one tenant, as the bot tests use it: the real Vosk model, MaryTTS, the example
 * flows and intents of {@code datasets/}; finished sessions collected in {@link #reports}.
 */
final class BotFixture implements AutoCloseable {
    private static final Path ROOT = Path.of(System.getProperty("callsight.root", ".."));

    final IssuedApiKey key;
    final VoskRecognizer recognizer = VoskRecognizer.withDefaultModel();
    final StreamingSynthesizer synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(32 << 20));
    final LinkedBlockingQueue<BotSessionReport> reports = new LinkedBlockingQueue<>();
    final FlowRegistry flows;
    final BotBrain brain;
    final GatewayServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    BotFixture(String tenant) throws Exception {
        key = new ApiKeys().create(tenant, Role.INGEST);
        IntentCatalog intents = IntentCatalog.load(List.of(ROOT.resolve("datasets/demo-intents"))).catalog();
        flows = new FlowRegistry(ROOT.resolve("datasets/flows"), intents);
        assertEquals(List.of(), flows.reload().errors());
        BotServices services = new BotServices(recognizer, synthesizer, Voice.AGENT, flows,
                CallerIntents.of(null, intents), CallerTurns.Config.defaults(), workers, timers,
                call -> CallRecorder.NONE, reports::add, Clock.systemUTC());
        brain = new BotBrain(services);
        server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> TestTenants.of(tenant, key), brain);
    }

    /** A call as Twilio would open it, naming {@code flow}; {@code line}: audio sent at once (null: none). */
    TwilioImitator call(String flow, byte[] line) {
        TwilioImitator.Builder b = TwilioImitator.builder(URI.create("ws://127.0.0.1:" + server.port() + GatewayServer.PATH))
                .apiKeyParameter(key.key()).customParameter("flow", flow);
        if (line != null) {
            b.callerAudio(line);
        }
        return b.connect();
    }

    @Override
    public void close() throws Exception {
        server.close();
        workers.shutdownNow();
        timers.shutdownNow();
        synthesizer.close();
        recognizer.close();
        flows.close();
    }
}
