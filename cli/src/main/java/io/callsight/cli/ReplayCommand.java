package io.callsight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.ingest.RecordingImporter;
import io.callsight.ingest.client.AudioHookClient;
import io.callsight.ingest.client.AudioHookClientException;
import io.callsight.ingest.client.ReplayAudio;
import io.callsight.ingest.client.TranscriptEvent;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay recorded calls as live AudioHook sessions (what a softswitch sends) and print the"
                + " transcripts the ingest server sends back.",
                "Each call is one client: stereo WAV left = customer (external), right = agent (internal); mono ="
                        + " customer only. PCM16, μ-law or A-law at 8 or 16 kHz, streamed as μ-law 8 kHz in 20 ms frames,"
                        + " in real time unless --speed says otherwise.",
                "Without --api-key, the ingest key (and AudioHook secret) of a demo tenant is read from"
                        + " <data dir>/demo-keys.json, written by callsight demo."})
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "WAV|DIR", description = "Recordings, or directories of *.wav files.")
    List<Path> inputs;

    @Option(names = "--calls", paramLabel = "N",
            description = "Concurrent calls, cycling over the recordings (default: one per recording).")
    Integer calls;

    @Option(names = "--url", paramLabel = "URL",
            description = "AudioHook endpoint (default: the local stack's, ws://127.0.0.1:8088"
                    + AudioHookClient.PATH + ").")
    String url;

    @Option(names = "--tenant", paramLabel = "T",
            description = "Demo tenant whose keys to use (default: the first in demo-keys.json).")
    String tenant;

    @Option(names = "--api-key", paramLabel = "K", description = "Ingest API key (instead of a demo tenant's).")
    String apiKey;

    @Option(names = "--secret", paramLabel = "S",
            description = "AudioHook client secret (base64) to sign the upgrade with; default: the demo tenant's,"
                    + " none with --api-key.")
    String secret;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Replay speed, 1 = real time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--jitter-ms", paramLabel = "J", defaultValue = "0",
            description = "Delay each frame by a random 0..J ms, order kept (default: ${DEFAULT-VALUE}).")
    int jitterMs;

    @Option(names = "--loss", paramLabel = "P", defaultValue = "0",
            description = "Drop each frame with probability P, announced with `discarded` (default: ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--unreported-loss",
            description = "Drop frames without announcing them (the server's time line then runs behind).")
    boolean unreportedLoss;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed for jitter and loss (default: random, printed).")
    Long seed;

    @Option(names = "--language", paramLabel = "L", defaultValue = "en-US",
            description = "Language in open (default: ${DEFAULT-VALUE}).")
    String language;

    /** Where a replay authenticates; {@code tenant} null when only a key was given. */
    record Credentials(String tenant, String apiKey, String secret) {
    }

    /** The local stack's AudioHook URL. */
    static String localIngestUrl(StackConfig config) {
        return IngestService.audioHookUrl(config);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        List<ReplayAudio> recordings = recordings();
        StackConfig config = stack.config();
        URI endpoint = URI.create(url != null ? url : localIngestUrl(config));
        Credentials credentials = credentials(TenantPaths.resolve(config.dataDir(), null, System.getenv()).demoKeys());
        int n = calls != null ? calls : recordings.size();
        long baseSeed = seed != null ? seed : System.nanoTime();
        UUID org = credentials.tenant() != null
                ? UUID.nameUUIDFromBytes(("callsight-tenant:" + credentials.tenant()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : UUID.randomUUID();
        AudioHookClient.Options base;
        try {
            base = AudioHookClient.Options.of(endpoint, credentials.apiKey()).withSecret(credentials.secret())
                    .withOrganizationId(org).withLanguage(language).withSpeed(speed)
                    .withNetwork(jitterMs, loss, !unreportedLoss, baseSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("replaying %d call%s to %s as %s%s, speed %s, jitter %d ms, loss %s (seed %d)%n", n, n == 1 ? "" : "s",
                endpoint, credentials.tenant() != null ? "tenant " + credentials.tenant() : "the given key",
                credentials.secret() != null ? " (signed)" : " (unsigned)", speed, jitterMs, loss, baseSeed);
        out.flush();

        HttpClient http = HttpClient.newHttpClient();
        List<AudioHookClient> clients = new ArrayList<>();
        List<CallReport> reports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReplayAudio audio = recordings.get(i % recordings.size());
            AudioHookClient.Options options = base.withNetwork(jitterMs, loss, !unreportedLoss, baseSeed + i)
                    .withCustomConfig(Map.of("replay", audio.name()));
            clients.add(new AudioHookClient(options, http));
            reports.add(new CallReport(i + 1, audio, out, err));
        }
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(n);
        // Ctrl-C ends each call properly (close → closed) instead of dropping the sockets
        Thread onInterrupt = new Thread(() -> {
            clients.forEach(AudioHookClient::stop);
            try {
                finished.await(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "replay-call");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AudioHookClient client = clients.get(i);
                CallReport report = reports.get(i);
                running.add(pool.submit(() -> {
                    try {
                        report.run(client);
                    } finally {
                        finished.countDown();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what stopped the calls
            }
        }
        printSummary(out, reports);
        return reports.stream().allMatch(CallReport::ok) ? 0 : 2;
    }

    private void validate() {
        if (calls != null && (calls < 1 || calls > 1000)) {
            throw new ParameterException(spec.commandLine(), "--calls must be between 1 and 1000, got " + calls);
        }
        if (!(speed > 0) || speed > 1000) {
            throw new ParameterException(spec.commandLine(), "--speed must be > 0 and ≤ 1000, got " + speed);
        }
        if (jitterMs < 0 || jitterMs > 10_000) {
            throw new ParameterException(spec.commandLine(), "--jitter-ms must be between 0 and 10000, got " + jitterMs);
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new ParameterException(spec.commandLine(), "--loss must be a probability in [0, 1), got " + loss);
        }
        if (apiKey != null && tenant != null) {
            throw new ParameterException(spec.commandLine(),
                    "--tenant picks a demo tenant's key; with --api-key the key decides the tenant: give one of them");
        }
        if (url != null) {
            URI u;
            try {
                u = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--url is not a URL: " + url);
            }
            if (u.getScheme() == null || !(u.getScheme().equals("ws") || u.getScheme().equals("wss")) || u.getHost() == null) {
                throw new ParameterException(spec.commandLine(),
                        "--url must be ws://host:port/path or wss://host/path, got " + url);
            }
        }
        if (secret != null) {
            try {
                io.callsight.ingest.client.RequestSigner.decodeSecret(secret);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--secret: " + e.getMessage());
            }
        }
    }

    private List<ReplayAudio> recordings() {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: " + input);
            }
        }
        List<Path> files = RecordingImporter.expand(inputs);
        if (files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no *.wav files in " + inputs);
        }
        List<ReplayAudio> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(ReplayAudio.read(f));
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return out;
    }

    /** The given key, or a demo tenant's ingest key and AudioHook secret. */
    Credentials credentials(Path demoKeys) {
        if (apiKey != null) {
            return new Credentials(null, apiKey.strip(), secret);
        }
        try {
            Credentials demo = demoCredentials(demoKeys, tenant);
            return secret != null ? new Credentials(demo.tenant(), demo.apiKey(), secret) : demo;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A demo tenant's ({@code tenant}, or the first) ingest key and AudioHook secret from {@code demo-keys.json}. */
    static Credentials demoCredentials(Path demoKeys, String tenant) {
        if (!Files.exists(demoKeys)) {
            throw new IllegalArgumentException("no --api-key, and no demo keys at " + demoKeys
                    + ": run callsight demo (it provisions the demo tenants), or give --api-key (and --secret)");
        }
        JsonNode tenants;
        try {
            tenants = JSON.readTree(demoKeys.toFile()).path("tenants");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + demoKeys + ": " + e.getMessage(), e);
        }
        List<String> known = new ArrayList<>();
        for (Iterator<String> it = tenants.fieldNames(); it.hasNext(); ) {
            known.add(it.next());
        }
        if (known.isEmpty()) {
            throw new IllegalArgumentException(demoKeys + " lists no tenants");
        }
        String id = tenant != null ? tenant : known.get(0);
        JsonNode entry = tenants.path(id);
        if (entry.isMissingNode()) {
            throw new IllegalArgumentException("tenant " + id + " is not in " + demoKeys + " (it has "
                    + String.join(", ", known) + ")");
        }
        String key = entry.path("ingest").path("key").asText(null);
        if (key == null) {
            throw new IllegalArgumentException("tenant " + id + " has no ingest key in " + demoKeys);
        }
        return new Credentials(id, key, entry.path("audiohook_secret").asText(null));
    }

    /** One call: its live output, then its line in the summary. */
    private static final class CallReport implements AudioHookClient.Listener {
        final int number;
        final ReplayAudio audio;
        private final PrintWriter out;
        private final PrintWriter err;
        final List<Duration> finalLags = new CopyOnWriteArrayList<>();
        volatile AudioHookClient.Summary summary;
        volatile String error;

        CallReport(int number, ReplayAudio audio, PrintWriter out, PrintWriter err) {
            this.number = number;
            this.audio = audio;
            this.out = out;
            this.err = err;
        }

        void run(AudioHookClient client) {
            print(out, String.format("session %s: %s (%.1f s)", client.sessionId(), audio.name(),
                    audio.durationMs() / 1000.0));
            try {
                summary = client.run(audio, this);
            } catch (AudioHookClientException e) {
                error = e.getMessage();
                print(err, error);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (RuntimeException e) {
                error = e.toString();
                print(err, error);
            }
        }

        boolean ok() {
            return summary != null && summary.ok();
        }

        @Override
        public void onTranscript(TranscriptEvent e) {
            String span = e.offset() == null ? "" : String.format(" %s-%s", clock(e.offset()),
                    e.end() == null ? "?" : clock(e.end()));
            String lag = e.lag() == null ? "" : String.format(" (lag %.2f s)", e.lag().toMillis() / 1000.0);
            if (e.isFinal() && e.lag() != null) {
                finalLags.add(e.lag());
            }
            print(out, String.format("%-8s %-7s%s%s %s", e.customer() ? "customer" : "agent",
                    e.isFinal() ? "final" : "partial", span, lag, e.text()));
        }

        @Override
        public void onDisconnect(String reason, String info) {
            print(out, "server disconnect: " + reason + (info == null ? "" : " (" + info + ")"));
        }

        @Override
        public void onWarning(String message) {
            print(err, "warning: " + message);
        }

        private void print(PrintWriter w, String line) {
            synchronized (ReplayCommand.class) {
                w.println("[call " + number + "] " + line);
                w.flush();
            }
        }

        private static String clock(Duration d) {
            long ms = d.toMillis();
            return String.format("%d:%02d.%d", ms / 60_000, (ms / 1000) % 60, (ms % 1000) / 100);
        }
    }

    private static void printSummary(PrintWriter out, List<CallReport> reports) {
        synchronized (ReplayCommand.class) {
            out.println();
            out.printf("%-4s %-24s %6s %5s %6s %6s %7s %5s %9s  %s%n", "call", "recording", "sent", "lost", "paused",
                    "events", "partial", "final", "final lag", "status");
            int ok = 0;
            for (CallReport r : reports) {
                AudioHookClient.Summary s = r.summary;
                String name = r.audio.name().length() > 24 ? r.audio.name().substring(0, 23) + "…" : r.audio.name();
                if (s == null) {
                    out.printf("%-4d %-24s %6s %5s %6s %6s %7s %5s %9s  %s%n", r.number, name, "-", "-", "-", "-", "-",
                            "-", "-", r.error);
                    continue;
                }
                ok += s.ok() ? 1 : 0;
                out.printf("%-4d %-24s %6d %5d %6d %6d %7d %5d %9s  %s%n", r.number, name, s.framesSent(),
                        s.framesLost(), s.framesPaused(), s.transcripts(), s.partials(), s.finals(),
                        medianLag(r.finalLags), s.closeStatus());
            }
            out.printf("%d of %d calls closed cleanly%n", ok, reports.size());
            out.flush();
        }
    }

    /** The median of the finals' lags, in seconds of sent audio; "-" without finals. */
    private static String medianLag(List<Duration> lags) {
        if (lags.isEmpty()) {
            return "-";
        }
        List<Duration> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return String.format("%.2f s", sorted.get(sorted.size() / 2).toMillis() / 1000.0);
    }
}
