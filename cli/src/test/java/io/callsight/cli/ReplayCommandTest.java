package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.CallSink;
import io.callsight.ingest.live.IngestServer;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callsight replay}: argument errors, and a replay against an in-process ingest server with a fake sink. */
class ReplayCommandTest {
    private static final String SECRET = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            var cli = Callsight.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            System.out.flush();
            return new Run(code, printed.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    /** A stereo PCM16 8 kHz call: a tone on the customer side, a lower one on the agent side. */
    private Path wav(String name, int ms) throws Exception {
        short[] customer = new short[ms * 8];
        short[] agent = new short[ms * 8];
        for (int i = 0; i < customer.length; i++) {
            customer[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
            agent[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / 8000.0));
        }
        Path f = dir.resolve(name);
        WavFile.write(f, 8000, AudioCodec.L16, customer, agent);
        return f;
    }

    private void refused(String expected, String... args) {
        Run r = run(args);
        assertEquals(2, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in:\n" + r.err());
    }

    @Test
    void badArgumentsAreRefusedWithAReason() throws Exception {
        String call = wav("call.wav", 100).toString();
        String data = dir.toString();
        refused("Missing required parameter", "replay");
        refused("--calls must be between 1 and 1000", "replay", call, "--calls", "0", "--api-key", "k");
        refused("--speed must be > 0", "replay", call, "--speed", "0", "--api-key", "k");
        refused("Invalid value for option '--speed'", "replay", call, "--speed", "fast");
        refused("--loss must be a probability", "replay", call, "--loss", "1.5", "--api-key", "k");
        refused("--jitter-ms must be between", "replay", call, "--jitter-ms", "-1", "--api-key", "k");
        refused("--url must be ws://", "replay", call, "--url", "http://127.0.0.1:8088/x", "--api-key", "k");
        refused("give one of them", "replay", call, "--tenant", "acme-bank", "--api-key", "k");
        refused("--secret: the AudioHook client secret is not base64", "replay", call, "--api-key", "k", "--secret", "!!");
        refused("no such file or directory: " + dir.resolve("nope.wav"), "replay", dir.resolve("nope.wav").toString(),
                "--api-key", "k");
        Files.createDirectories(dir.resolve("empty"));
        refused("no *.wav files", "replay", dir.resolve("empty").toString(), "--api-key", "k");
        Files.writeString(dir.resolve("broken.wav"), "RIFF");
        refused("broken.wav", "replay", dir.resolve("broken.wav").toString(), "--api-key", "k");
        refused("no demo keys at " + dir.resolve("demo-keys.json"), "replay", call, "--data-dir", data);
        Files.writeString(dir.resolve("demo-keys.json"), "{\"tenants\":{\"acme-bank\":{\"ingest\":{\"key\":\"k\"}}}}");
        refused("tenant nova is not in " + dir.resolve("demo-keys.json") + " (it has acme-bank)", "replay", call,
                "--data-dir", data, "--tenant", "nova");

        Run help = run("replay", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--jitter-ms=J") && help.out().contains("--seed=S"), help.out());
    }

    /** Both tracks' frames and the call events, in memory. */
    private static final class FakeSink implements CallSink {
        final List<CallEvent> events = new CopyOnWriteArrayList<>();
        final List<AudioFrame> frames = new CopyOnWriteArrayList<>();
        volatile IngestServer server;

        @Override
        public OpenCall start(CallEvent started) {
            events.add(started);
            // the speech job's part: a transcript for the call shortly after it starts
            Thread recognizer = new Thread(() -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
                server.sessions().sendTranscript(new Utterance(started.tenant(), started.callId(), Track.CUSTOMER, 0,
                        0, 200, "hello there", "hello there", List.of(new Word("hello", 0, 100, 0.9),
                                new Word("there", 100, 200, 0.9)), 0.9, true));
            });
            recognizer.setDaemon(true);
            recognizer.start();
            return new OpenCall() {
                @Override
                public void frames(List<AudioFrame> batch) {
                    frames.addAll(batch);
                }

                @Override
                public void update(CallEvent updated) {
                    events.add(updated);
                }

                @Override
                public void end(CallEvent ended) {
                    events.add(ended);
                }

                @Override
                public void abandon() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void replaysTwoConcurrentCallsSignedWithTheDemoTenantsKeys() throws Exception {
        Path call = wav("call.wav", 2_000);
        ApiKeys keys = new ApiKeys();
        IssuedApiKey ingest = keys.create("acme-bank", Role.INGEST);
        Tenant acme = new Tenant("acme-bank", "Acme Bank", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(ingest.stored()), Optional.empty());
        TenantRegistry registry = new TenantRegistry(List.of(acme));
        Files.writeString(dir.resolve("demo-keys.json"), "{\"tenants\":{\"acme-bank\":{\"ingest\":{\"key_id\":\"x\","
                + "\"key\":\"" + ingest.key() + "\"},\"audiohook_secret\":\"" + SECRET + "\"}}}");
        FakeSink sink = new FakeSink();
        try (IngestServer server = IngestServer.start(IngestServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> registry, t -> Optional.of(SECRET), sink)) {
            sink.server = server;
            Run r = run("replay", call.toString(), "--calls", "2", "--speed", "4", "--seed", "7", "--data-dir",
                    dir.toString(), "--url", "ws://127.0.0.1:" + server.port() + IngestServer.PATH);
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("as tenant acme-bank (signed), speed 4.0, jitter 0 ms, loss 0.0 (seed 7)"), r.out());
            assertTrue(r.out().contains("[call 1] customer final   0:00.0-0:00.2"), r.out());
            assertTrue(r.out().contains("[call 2] customer final   0:00.0-0:00.2"), r.out());
            assertTrue(r.out().contains("hello there"), r.out());
            assertTrue(r.out().matches("(?s).*\\n1 +call\\.wav +100 +0 +0 +1 +0 +1 +-?\\d+\\.\\d\\d s  closed\\n.*"), r.out());
            assertTrue(r.out().contains("2 of 2 calls closed cleanly"), r.out());
            assertEquals("", r.err());
        }
        assertEquals(2, sink.events.stream().filter(e -> e.type() == CallEvent.Type.STARTED).count());
        assertEquals(2, sink.events.stream().filter(e -> e.type() == CallEvent.Type.ENDED).count());
        for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
            assertEquals(2 * 16_000, sink.frames.stream().filter(f -> f.track() == track)
                    .mapToInt(f -> f.payload().length).sum(), track + ": both calls, every sample");
        }
    }
}
