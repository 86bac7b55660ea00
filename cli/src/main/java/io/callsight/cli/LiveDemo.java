package io.callsight.cli;

import io.callsight.events.RecordingArchived;
import io.callsight.ingest.client.AudioHookClient;
import io.callsight.ingest.client.ReplayAudio;
import io.callsight.ingest.client.TranscriptEvent;
import io.callsight.search.query.TranscriptQueries;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's live part: one demo call streamed to the ingest service over AudioHook, as a softswitch would, its
 * final transcripts printed as the Transcript Connector sends them back, then found in Elasticsearch and in the
 * archive like an imported call.
 */
final class LiveDemo {
    private LiveDemo() {
    }

    /** @return whether the call closed cleanly, was indexed and archived */
    static boolean run(StackConfig config, DemoCalls.DemoCall call, double speed, PrintStream out) throws Exception {
        String tenant = call.reference().tenant();
        Path demoKeys = TenantPaths.resolve(config.dataDir(), null, System.getenv()).demoKeys();
        ReplayCommand.Credentials who = ReplayCommand.demoCredentials(demoKeys, tenant);
        URI url = URI.create(IngestService.audioHookUrl(config));
        AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, who.apiKey()).withSecret(who.secret())
                .withOrganizationId(UUID.nameUUIDFromBytes(("callsight-tenant:" + tenant).getBytes(StandardCharsets.UTF_8)))
                .withSpeed(speed).withCustomConfig(Map.of("demo", call.reference().callId())));
        String callId = client.sessionId().toString();
        out.printf(Locale.ROOT, "%n== live: %s streamed to %s as tenant %s (%s, speed %.0fx), call id %s%n",
                call.reference().callId(), url, tenant, who.secret() != null ? "signed" : "unsigned", speed, callId);
        out.println("   live transcripts for people: curl -N -H \"X-API-KEY: <the qa key of " + tenant + " in " + demoKeys
                + ">\" " + IngestService.liveTranscriptsUrl(config, callId));
        long since = System.currentTimeMillis();
        AtomicInteger partials = new AtomicInteger();
        AudioHookClient.Summary summary = client.run(ReplayAudio.read(call.wav()), (TranscriptEvent e) -> {
            if (!e.isFinal()) {
                partials.incrementAndGet();
                return;
            }
            Duration lag = e.lag();
            out.printf(Locale.ROOT, "  %6.1fs %-8s %s   (final %s after the utterance ended)%n",
                    e.offset() == null ? 0 : e.offset().toMillis() / 1000.0, e.customer() ? "CUSTOMER" : "AGENT", e.text(),
                    lag == null ? "?" : lag.toMillis() + " ms");
        });
        out.printf(Locale.ROOT, "  %d finals and %d partials came back while the call was live; session %s%n",
                summary.finals(), partials.get(), summary.ok() ? "closed cleanly" : "ended: " + summary.closeStatus()
                        + (summary.failure() != null ? " (" + summary.failure() + ")" : ""));
        Set<String> indexed;
        try (TranscriptQueries es = new TranscriptQueries(config.esUrl(), DemoCommand.DEMO_SCOPE)) {
            indexed = es.awaitTranscribed(List.of(callId), since, Duration.ofSeconds(90), n -> { });
        }
        Map<String, RecordingArchived> archived = ArchivedRecordings.await(config.kafkaBootstrap(), List.of(callId), since,
                Duration.ofSeconds(90));
        out.println("  indexed in Elasticsearch: " + (indexed.contains(callId) ? "yes" : "no") + "; "
                + ArchivedRecordings.summary(archived, 1));
        return summary.ok() && indexed.contains(callId) && archived.containsKey(callId);
    }
}
