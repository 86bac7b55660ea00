package io.callsight.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.client.AudioHookClient;
import io.callsight.ingest.client.AudioHookClientException;
import io.callsight.ingest.client.ReplayAudio;
import io.callsight.ingest.client.TranscriptEvent;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client of {@code io.callsight.ingest.client} against the real server: each was written from the spec alone, so
 * here they check each other (signature, sequence numbers, positions, transcripts back).
 */
class AudioHookClientServerTest {
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final ApiKeys KEYS = new ApiKeys();
    private static final IssuedApiKey PLAIN_INGEST = KEYS.create("plain", Role.INGEST);
    private static final IssuedApiKey PLAIN_QA = KEYS.create("plain", Role.QA);
    private static final IssuedApiKey SIGNED_INGEST = KEYS.create("signed", Role.INGEST);
    private static final RecordingSink SINK = new RecordingSink();
    private static IngestServer server;
    private static URI url;

    @BeforeAll
    static void start() throws Exception {
        Tenant plain = new Tenant("plain", "Plain", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(PLAIN_INGEST.stored(), PLAIN_QA.stored()), Optional.empty());
        Tenant signed = new Tenant("signed", "Signed", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(SIGNED_INGEST.stored()), Optional.empty());
        TenantRegistry registry = new TenantRegistry(List.of(plain, signed));
        server = IngestServer.start(IngestServer.Config.defaults(0).withHost("127.0.0.1")
                        .withAuthFailureDelay(Duration.ofMillis(100)), () -> registry,
                t -> t.id().equals("signed") ? Optional.of(SECRET) : Optional.empty(), SINK);
        url = URI.create("ws://127.0.0.1:" + server.port() + IngestServer.PATH);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** {@code ms} of audio, the customer side all 0x11, the agent side all 0x22. */
    private static ReplayAudio call(int ms) {
        byte[] customer = new byte[ms * 8];
        byte[] agent = new byte[ms * 8];
        Arrays.fill(customer, (byte) 0x11);
        Arrays.fill(agent, (byte) 0x22);
        return new ReplayAudio("test.wav", customer, agent);
    }

    private static final class Collected implements AudioHookClient.Listener {
        final List<TranscriptEvent> transcripts = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void onTranscript(TranscriptEvent event) {
            transcripts.add(event);
        }

        @Override
        public void onDisconnect(String reason, String info) {
            disconnects.add(reason + ": " + info);
        }

        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private static CompletableFuture<AudioHookClient.Summary> runAsync(AudioHookClient client, ReplayAudio audio,
            AudioHookClient.Listener listener) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.run(audio, listener);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    @Test
    void aSignedCallStreamsBothTracksAndGetsItsTranscriptsBack() throws Exception {
        AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, SIGNED_INGEST.key())
                .withSecret(SECRET).withSpeed(2));
        String callId = client.sessionId().toString();
        Collected listener = new Collected();
        CompletableFuture<AudioHookClient.Summary> run = runAsync(client, call(3_000), listener);

        await(() -> !SINK.eventsOf(callId).isEmpty(), "STARTED");
        await(() -> SINK.framesOf(callId).size() >= 4, "some audio");
        assertTrue(server.sessions().sendTranscript(new Utterance("signed", callId, Track.AGENT, 0, 100, 400, "hel",
                "hel", List.of(), 0.5, false)));
        assertTrue(server.sessions().sendTranscript(new Utterance("signed", callId, Track.AGENT, 0, 100, 500, "hello",
                "hello", List.of(new Word("hello", 100, 500, 0.9)), 0.9, true)));
        AudioHookClient.Summary summary = run.get(20, TimeUnit.SECONDS);

        assertTrue(summary.ok(), summary.toString());
        assertEquals("closed", summary.closeStatus());
        assertEquals("PCMU/8000 external+internal", summary.media().toString());
        assertEquals(150, summary.frames());
        assertEquals(150, summary.framesSent());
        assertEquals(0, summary.framesLost());
        assertEquals(2, summary.transcripts());
        assertEquals(1, summary.partials());
        assertEquals(1, summary.finals());
        assertTrue(summary.pings() >= 2, "a ping 1 s after opened, the next right after its pong: " + summary);
        assertNotNull(summary.lastRtt());
        assertEquals(List.of(), listener.warnings);

        TranscriptEvent fin = listener.transcripts.get(1);
        assertTrue(fin.isFinal());
        assertEquals("internal", fin.channel());
        assertEquals(1, fin.channelId());
        assertEquals("hello", fin.text());
        assertEquals(Duration.ofMillis(100), fin.offset());
        assertEquals(Duration.ofMillis(400), fin.duration());
        assertEquals(listener.transcripts.get(0).utteranceId(), fin.utteranceId(), "interim and final share the id");
        assertTrue(Math.abs(fin.arrivalEpochMillis() - System.currentTimeMillis()) < 10_000, fin.toString());
        assertTrue(fin.audioSent().compareTo(Duration.ofMillis(40)) >= 0, "sent before the transcript: " + fin);
        assertEquals(fin.audioSent().minus(Duration.ofMillis(500)), fin.lag(), "lag = audio sent - utterance end");

        await(() -> SINK.eventsOf(callId).size() == 2, "ENDED");
        List<CallEvent> events = SINK.eventsOf(callId);
        assertEquals(CallEvent.Type.STARTED, events.get(0).type());
        assertEquals("signed", events.get(0).tenant());
        assertEquals(CallEvent.Type.ENDED, events.get(1).type());
        assertEquals(3_000, events.get(1).durationMs());
        await(() -> SINK.framesOf(callId).stream().filter(AudioFrame::endOfTrack).count() == 2, "both tracks ended");
        for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
            List<AudioFrame> frames = SINK.framesOf(callId).stream().filter(f -> f.track() == track).toList();
            int bytes = frames.stream().mapToInt(f -> f.payload().length).sum();
            assertEquals(24_000, bytes, track + ": every sample arrived");
            byte expected = track == Track.CUSTOMER ? (byte) 0x11 : (byte) 0x22;
            assertTrue(frames.stream().allMatch(f -> f.payload().length == 0 || f.payload()[0] == expected),
                    track + " carries its own side (external = customer)");
        }
        await(() -> !server.sessions().contains(callId), "session released");
    }

    @Test
    void refusedUpgradesSayWhy() {
        AudioHookClientException wrongKey = assertThrows(AudioHookClientException.class,
                () -> new AudioHookClient(AudioHookClient.Options.of(url, "cs_nope")).run(call(100), new Collected()));
        assertEquals(401, wrongKey.httpStatus());
        assertTrue(wrongKey.getMessage().contains("HTTP 401"), wrongKey.getMessage());

        AudioHookClientException qa = assertThrows(AudioHookClientException.class,
                () -> new AudioHookClient(AudioHookClient.Options.of(url, PLAIN_QA.key())).run(call(100), new Collected()));
        assertEquals(403, qa.httpStatus());
        assertTrue(qa.getMessage().contains("not an ingest key"), qa.getMessage());

        AudioHookClientException unsigned = assertThrows(AudioHookClientException.class,
                () -> new AudioHookClient(AudioHookClient.Options.of(url, SIGNED_INGEST.key())).run(call(100),
                        new Collected()));
        assertEquals(401, unsigned.httpStatus());

        AudioHookClientException wrongSecret = assertThrows(AudioHookClientException.class,
                () -> new AudioHookClient(AudioHookClient.Options.of(url, SIGNED_INGEST.key())
                        .withSecret("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA")).run(call(100), new Collected()));
        assertEquals(401, wrongSecret.httpStatus());

        AudioHookClientException nobody = assertThrows(AudioHookClientException.class,
                () -> new AudioHookClient(AudioHookClient.Options.of(URI.create("ws://127.0.0.1:1/x"),
                        PLAIN_INGEST.key())).run(call(100), new Collected()));
        assertTrue(nobody.getMessage().contains("cannot connect"), nobody.getMessage());
    }

    @Test
    void reportedLossKeepsTheCallTimeLineWhole() throws Exception {
        AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, PLAIN_INGEST.key())
                .withSpeed(20).withNetwork(5, 0.2, true, 42));
        AudioHookClient.Summary summary = client.run(call(1_000), new Collected());
        assertTrue(summary.ok(), summary.toString());
        assertTrue(summary.framesLost() > 0, summary.toString());
        assertEquals(50, summary.framesSent() + summary.framesLost());
        String callId = client.sessionId().toString();
        await(() -> SINK.eventsOf(callId).size() == 2, "ENDED");
        assertEquals(1_000, SINK.eventsOf(callId).get(1).durationMs(), "discarded spans count in the call's duration");
        assertTrue(server.counters().snapshot().keySet().stream()
                .noneMatch(k -> k.startsWith("protocol_error") || k.startsWith("client_error")),
                "neither side saw a protocol error: " + server.counters().snapshot());
    }

    @Test
    void aServerDisconnectIsAnsweredWithCloseAndEndsCleanly() throws Exception {
        AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, PLAIN_INGEST.key()));
        String callId = client.sessionId().toString();
        Collected listener = new Collected();
        CompletableFuture<AudioHookClient.Summary> run = runAsync(client, call(30_000), listener);
        await(() -> SINK.framesOf(callId).size() >= 2, "some audio");
        server.sessions().disconnectAll("maintenance");
        AudioHookClient.Summary summary = run.get(15, TimeUnit.SECONDS);
        assertTrue(summary.closed(), summary.toString());
        assertTrue(summary.ok(), "a disconnect obeyed is not a client failure: " + summary);
        assertTrue(summary.disconnect().contains("maintenance"), summary.toString());
        assertEquals(1, listener.disconnects.size());
        assertTrue(summary.framesSent() < 1_500, "stopped streaming: " + summary.framesSent());
        assertFalse(server.sessions().contains(callId));
    }

    @Test
    void anUnsupportedLanguageOpensPausedAndTheClientSendsNoAudio() throws Exception {
        AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, PLAIN_INGEST.key())
                .withLanguage("fr-CA").withSpeed(20));
        AudioHookClient.Summary summary = client.run(call(1_000), new Collected());
        assertTrue(summary.ok(), summary.toString());
        assertEquals(0, summary.framesSent());
        assertEquals(50, summary.framesPaused());
        String callId = client.sessionId().toString();
        await(() -> SINK.eventsOf(callId).size() == 2, "ENDED");
        // close.position says PT1S (the paused stream still ran); the server counts a pause only once it is resumed,
        // so this call's ENDED says 0 ms: a server-side question, reported, not asserted here.
        assertEquals(CallEvent.Type.ENDED, SINK.eventsOf(callId).get(1).type());
        assertEquals(0, server.counters().get("dropped.audio_while_paused"), server.counters().snapshot().toString());
    }
}
