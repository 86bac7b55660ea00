package io.callsight.cli;

import io.callsight.ingest.live.IngestServer;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import java.time.Duration;
import java.util.List;

/** The embedded stack's live ingest service: a background JVM running {@code callsight ingest serve}. */
final class IngestService extends BackgroundService {
    IngestService(StackConfig config) {
        super(config, "ingest");
    }

    /** Where AudioHook clients connect ({@code callsight replay} uses it by default). */
    static String audioHookUrl(StackConfig config) {
        return "ws://" + StackConfig.HOST + ":" + config.ingestPort() + IngestServer.PATH;
    }

    /** Live transcripts of one call for people (Server-Sent Events, a {@code qa} key). */
    static String liveTranscriptsUrl(StackConfig config, String callId) {
        return "http://" + StackConfig.HOST + ":" + config.ingestPort() + "/api/v1/calls/" + callId + "/live";
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    protected String readyDescription() {
        return audioHookUrl(config) + " (AudioHook v2), log " + logFile();
    }

    @Override
    protected String heap() {
        return System.getenv().getOrDefault("CALLSIGHT_INGEST_HEAP", "-Xmx384m");
    }

    @Override
    protected List<String> command() {
        TenantPaths tenants = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        return List.of("ingest", "serve", "--ready-file", readyFile().toString(), "--port", Integer.toString(config.ingestPort()),
                "--kafka.bootstrap", config.kafkaBootstrap(), "--tenants", tenants.registry().toString(),
                "--data-dir", config.dataDir().toString());
    }

    @Override
    protected String notReadyMessage(Duration timeout) {
        return "the ingest service was not listening after " + timeout.toSeconds() + " s";
    }
}
