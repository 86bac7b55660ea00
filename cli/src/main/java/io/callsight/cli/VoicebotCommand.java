package io.callsight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.asr.turn.CallerTurns;
import io.callsight.dialog.flow.IntentCatalog;
import io.callsight.dialog.registry.FlowRegistry;
import io.callsight.dialog.registry.ReloadReport;
import io.callsight.events.Topics;
import io.callsight.ingest.KafkaCallSink;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.registry.TenantRegistryWatcher;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.bot.BotBrain;
import io.callsight.voicebot.bot.BotServices;
import io.callsight.voicebot.bot.BotSessionReport;
import io.callsight.voicebot.bot.CallerIntents;
import io.callsight.voicebot.server.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "voicebot", mixinStandardHelpOptions = true,
        description = "The VoiceBot gateway: Twilio Media Streams (bidirectional) at " + GatewayServer.PATH
                + "; the bot hears the caller in process, runs the tenant's flow and speaks with MaryTTS.",
        subcommands = VoicebotCommand.Serve.class)
final class VoicebotCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Runs the gateway until stopped. Calls name their flow in the stream's customParameters "
                    + "(<Parameter name=\"flow\" value=\"balance-and-cards\"/>) and authenticate with a tenant's ingest "
                    + "key (X-API-KEY header, or customParameters.apiKey: Twilio cannot set headers).",
                    "Each call is recorded to Kafka (calls.audio/calls.events, tracks CUSTOMER and BOT) and its session "
                            + "report goes to " + Topics.BOT_SESSIONS + "."})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8089", description = "Port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", defaultValue = StackConfig.HOST, description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--kafka.bootstrap", description = "Kafka to record calls to (default: none, calls are not recorded).")
        String kafkaBootstrap;

        @Option(names = "--tenants", paramLabel = "FILE", description = "Tenant registry (default: the data dir's).")
        Path tenants;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data dir (default: ~/.callsight).")
        Path dataDir;

        @Option(names = "--flows", paramLabel = "DIR", description = "Bot flows, reloaded on change (default: datasets/flows).")
        Path flows;

        @Option(names = "--intents", paramLabel = "DIR", description = "Tenant intent files (default: datasets/demo-intents).")
        Path intents;

        @Option(names = "--models", paramLabel = "DIR", description = "Trained tenant models (default: models).")
        Path models;

        @Option(names = "--end-of-turn-ms", defaultValue = "400",
                description = "Caller silence that ends a turn (default: ${DEFAULT-VALUE}).")
        int endOfTurnMs;

        @Option(names = "--ready-file", paramLabel = "FILE", description = "File to create once the server listens.")
        Path readyFile;

        @Override
        public Integer call() throws Exception {
            Path root = Path.of(System.getProperty("callsight.root", "."));
            Path data = dataDir != null ? dataDir : StackConfig.builder().build().dataDir();
            TenantPaths paths = TenantPaths.resolve(data, tenants, System.getenv());
            IntentCatalog catalog = IntentCatalog.load(List.of(intents != null ? intents : root.resolve("datasets/demo-intents"))).catalog();
            FlowRegistry flowRegistry = new FlowRegistry(flows != null ? flows : root.resolve("datasets/flows"), catalog);
            ReloadReport loaded = flowRegistry.reload();
            loaded.errors().forEach(e -> System.err.println("voicebot: " + e));
            flowRegistry.startPolling(Duration.ofSeconds(2), r -> r.errors().forEach(e -> System.err.println("voicebot: " + e)));
            Path modelDir = models != null ? models : root.resolve("models");
            ModelRegistry modelRegistry = Files.isDirectory(modelDir) ? new ModelRegistry(modelDir, 5_000) : null;
            VoskRecognizer recognizer = VoskRecognizer.withDefaultModel();
            StreamingSynthesizer synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(),
                    PromptCache.inMemory(64L << 20));
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
            ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
            KafkaCallSink sink = kafkaBootstrap == null ? null : KafkaCallSink.streaming(kafkaBootstrap, 5_000);
            KafkaProducer<String, byte[]> reports = kafkaBootstrap == null ? null : producer(kafkaBootstrap);
            ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            BotServices services = new BotServices(recognizer, synthesizer, Voice.AGENT, flowRegistry,
                    CallerIntents.of(modelRegistry, catalog), CallerTurns.Config.defaults().withEndOfTurnSilenceMs(endOfTurnMs),
                    workers, timers,
                    call -> sink == null ? io.callsight.voicebot.bot.CallRecorder.NONE : new KafkaCallRecorder(sink, call,
                            call.callSid() != null && !call.callSid().isBlank() ? call.callSid() : call.streamSid(),
                            call.customParameters().get(BotBrain.FLOW_PARAMETER), call.customParameters().get("direction")),
                    report -> publish(reports, json, report), Clock.systemUTC());
            BotBrain brain = new BotBrain(services);
            var warm = brain.warmUp(flowRegistry.flows());
            System.out.println("voicebot: " + flowRegistry.flows().size() + " flows, " + warm.synthesized()
                    + " prompts synthesized into the cache in " + warm.elapsed().toMillis() + " ms");
            TenantRegistryWatcher registry = TenantRegistryWatcher.start(paths.registry());
            GatewayServer server = GatewayServer.start(GatewayServer.Config.defaults(port).withHost(host), registry::current, brain);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                    registry.close();
                    flowRegistry.close();
                    if (sink != null) sink.close();
                    if (reports != null) reports.close(Duration.ofSeconds(5));
                    synthesizer.close();
                    recognizer.close();
                } catch (Exception e) {
                    System.err.println("voicebot: closing: " + e.getMessage());
                } finally {
                    stopped.countDown();
                }
            }, "voicebot-shutdown"));
            if (readyFile != null) {
                Files.createDirectories(readyFile.toAbsolutePath().getParent());
                Files.writeString(readyFile, Integer.toString(server.port()));
            }
            System.out.println("voicebot gateway listening on ws://" + host + ":" + server.port() + GatewayServer.PATH);
            stopped.await();
            return 0;
        }

        private static KafkaProducer<String, byte[]> producer(String bootstrap) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }

        private static void publish(KafkaProducer<String, byte[]> producer, ObjectMapper json, BotSessionReport report) {
            var s = report.session();
            System.out.printf("voicebot: call %s (%s/%s) ended %s: %s, %d rounds%n", report.callId(), report.tenant(),
                    s.flow(), report.endReason(), s.outcome() == null ? "-" : s.outcome().kind(), s.rounds());
            if (producer == null) {
                return;
            }
            try {
                producer.send(new ProducerRecord<>(Topics.BOT_SESSIONS, report.callId(), json.writeValueAsBytes(report)));
            } catch (Exception e) {
                System.err.println("voicebot: session report of " + report.callId() + " not published: " + e.getMessage());
            }
        }
    }
}
