package io.callsight.cli;

import io.callsight.events.Topics;
import io.callsight.stack.ComponentStatus;
import io.callsight.stack.EmbeddedStack;
import io.callsight.stack.StackConfig;
import io.callsight.stack.StackException;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.crypto.MasterKey;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The embedded Kafka and Elasticsearch, the Flink jobs and the ingest service: started in dependency order, stopped in reverse. */
final class LocalStack {
    static final Map<String, Integer> TOPIC_PARTITIONS = Map.of(
            Topics.AUDIO, 4, Topics.EVENTS, 2, Topics.TRANSCRIPTS, 2, Topics.INSIGHTS, 2, Topics.SEGMENTS, 2, Topics.DEAD_LETTER, 1,
            Topics.RECORDINGS, 1, Topics.BOT_SESSIONS, 1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ES_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration JOBS_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(60);
    // loads Vosk and MaryTTS and synthesizes the flows' static prompts into the cache before it listens
    private static final Duration VOICEBOT_TIMEOUT = Duration.ofSeconds(180);

    private final StackConfig config;
    private final EmbeddedStack servers;
    private final FlinkJobs jobs;
    private final IngestService ingest;
    private final VoicebotService voicebot;

    LocalStack(StackConfig config) {
        this.config = config;
        this.servers = new EmbeddedStack(config);
        this.jobs = new FlinkJobs(config);
        this.ingest = new IngestService(config);
        this.voicebot = new VoicebotService(config);
    }

    StackConfig config() {
        return config;
    }

    /** Starts what is not running yet and waits until all of it answers. */
    void up(PrintStream out) {
        servers.up(KAFKA_TIMEOUT, ES_TIMEOUT);
        out.println("kafka          ready  " + config.kafkaBootstrap());
        out.println("elasticsearch  ready  " + config.esUrl());
        servers.kafka().ensureTopics(TOPIC_PARTITIONS);
        ensureMasterKey(out);
        jobs.start();
        jobs.awaitHealthy(JOBS_TIMEOUT);
        out.println("flink jobs     ready  speech job running (log " + jobs.logFile() + ")");
        ingest.start();
        ingest.awaitHealthy(INGEST_TIMEOUT);
        out.println("ingest         ready  " + IngestService.audioHookUrl(config) + " (log " + ingest.logFile() + ")");
        voicebot.start();
        voicebot.awaitHealthy(VOICEBOT_TIMEOUT);
        out.println("voicebot       ready  " + VoicebotService.mediaStreamUrl(config) + " (log " + voicebot.logFile() + ")");
    }

    /**
     * The embedded stack archives recordings encrypted, so it needs a master key; one is made on first start.
     * Production supplies its own ({@code CALLSIGHT_MASTER_KEY} or {@code CALLSIGHT_MASTER_KEY_FILE}).
     */
    private void ensureMasterKey(PrintStream out) {
        TenantPaths paths = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        if (!MasterKey.configured(paths, System.getenv())) {
            try {
                MasterKey.generate(paths.masterKeyFile());
            } catch (java.io.IOException e) {
                throw new StackException("cannot create the master key " + paths.masterKeyFile() + ": " + e.getMessage(), e);
            }
            out.println("master key     created " + paths.masterKeyFile() + " (mode 0600): back it up, the archived "
                    + "recordings cannot be read without it");
        }
    }

    void down(PrintStream out) {
        out.println(String.format("%-14s %s", voicebot.name(), voicebot.stop(Duration.ofSeconds(15)) ? "stopped" : "was not running"));
        out.println(String.format("%-14s %s", ingest.name(), ingest.stop(Duration.ofSeconds(15)) ? "stopped" : "was not running"));
        out.println(String.format("%-14s %s", jobs.name(), jobs.stop(Duration.ofSeconds(30)) ? "stopped" : "was not running"));
        List<String> stopped = servers.down(Duration.ofSeconds(30));
        out.println(stopped.isEmpty() ? "kafka, elasticsearch: were not running" : String.join(", ", stopped) + ": stopped");
    }

    List<ComponentStatus> status() {
        List<ComponentStatus> all = new ArrayList<>(servers.status());
        all.add(jobs.status());
        all.add(ingest.status());
        all.add(voicebot.status());
        return all;
    }
}
