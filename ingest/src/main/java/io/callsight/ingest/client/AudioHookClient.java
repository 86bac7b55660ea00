package io.callsight.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * An AudioHook v2 client (spec {@code shared/protocols/audiohook.md}): plays one recorded call to a server the way a
 * softswitch streams a live one, and hands back the transcripts the server sends.
 *
 * <p>One client is one session: {@link #run} connects (API key, {@code Audiohook-*} headers, the request signature
 * when a secret is given), sends {@code open} with the softswitch's media offers, waits for {@code opened}, streams
 * 20 ms interleaved frames paced in real time (or {@code speed} times faster, with optional jitter and loss), pings,
 * obeys {@code pause}/{@code resume}/{@code disconnect}, and ends with {@code close} → {@code closed}.
 *
 * <p>Everything happens on the calling thread: the socket's callbacks only queue what arrives, so sequence numbers are
 * assigned and written in one place (spec §4.3) and no state is shared.
 */
public final class AudioHookClient {
    public static final String PATH = "/api/v1/audiohook/ws";
    /** 20 ms at 8 kHz: the frame a softswitch's RTP packet carries. */
    public static final int FRAME_SAMPLES = 160;
    static final int MAX_TEXT = 65_535;
    static final String USER_AGENT = "Callsight-Replay/0.1 (AudioHook client)";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_PING = Duration.ofSeconds(1);
    private static final int MAX_FRAMES_PER_TURN = 50;

    /**
     * @param secret     the tenant's AudioHook client secret (base64), null to connect unsigned
     * @param speed      1 = real time; 2 = twice as fast
     * @param jitterMs   each frame is delayed by a random 0..jitterMs (wall clock), never overtaking the previous one
     * @param loss       probability that a frame is dropped
     * @param reportLoss whether dropped frames are announced with {@code discarded} (as a client that knows about its
     *                   backlog would), or silently missing (the server's received time line then runs behind)
     * @param seed       for jitter and loss, so a run can be repeated
     */
    public record Options(URI url, String apiKey, String secret, UUID organizationId, String language, double speed,
            int jitterMs, double loss, boolean reportLoss, long seed, Duration connectTimeout, Duration openTimeout,
            Duration closeTimeout, Duration pingInterval, List<Media> offers, Map<String, String> customConfig) {
        public Options {
            if (url == null || url.getScheme() == null
                    || !List.of("ws", "wss").contains(url.getScheme().toLowerCase(Locale.ROOT)) || url.getHost() == null) {
                throw new IllegalArgumentException("the URL must be ws://host[:port]/path or wss://…, got " + url);
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("an API key is required");
            }
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, got " + speed);
            }
            if (jitterMs < 0) {
                throw new IllegalArgumentException("jitter must be ≥ 0 ms, got " + jitterMs);
            }
            if (!(loss >= 0 && loss < 1)) {
                throw new IllegalArgumentException("loss must be a probability in [0, 1), got " + loss);
            }
            if (secret != null) {
                RequestSigner.decodeSecret(secret); // fails now, with a clear message, rather than at connect
            }
            offers = List.copyOf(offers);
            if (offers.isEmpty()) {
                throw new IllegalArgumentException("at least one media offer is required");
            }
            customConfig = customConfig == null ? Map.of() : Map.copyOf(customConfig);
        }

        /** Real time, no jitter or loss, unsigned, the softswitch's offers, en-US, a random organization id. */
        public static Options of(URI url, String apiKey) {
            return new Options(url, apiKey, null, UUID.randomUUID(), "en-US", 1.0, 0, 0.0, true, 1L,
                    Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                    Media.SOFTSWITCH_OFFERS, Map.of());
        }

        public Options withSecret(String s) {
            return new Options(url, apiKey, s, organizationId, language, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, offers, customConfig);
        }

        public Options withOrganizationId(UUID id) {
            return new Options(url, apiKey, secret, id, language, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, offers, customConfig);
        }

        public Options withLanguage(String l) {
            return new Options(url, apiKey, secret, organizationId, l, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, offers, customConfig);
        }

        public Options withSpeed(double x) {
            return new Options(url, apiKey, secret, organizationId, language, x, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, offers, customConfig);
        }

        public Options withNetwork(int jitter, double lossProbability, boolean report, long randomSeed) {
            return new Options(url, apiKey, secret, organizationId, language, speed, jitter, lossProbability, report,
                    randomSeed, connectTimeout, openTimeout, closeTimeout, pingInterval, offers, customConfig);
        }

        public Options withTimeouts(Duration open, Duration close, Duration ping) {
            return new Options(url, apiKey, secret, organizationId, language, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, open, close, ping, offers, customConfig);
        }

        public Options withOffers(List<Media> o) {
            return new Options(url, apiKey, secret, organizationId, language, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, o, customConfig);
        }

        public Options withCustomConfig(Map<String, String> c) {
            return new Options(url, apiKey, secret, organizationId, language, speed, jitterMs, loss, reportLoss, seed,
                    connectTimeout, openTimeout, closeTimeout, pingInterval, offers, c);
        }
    }

    /** Called on the thread that runs the session, in arrival order. */
    public interface Listener {
        void onTranscript(TranscriptEvent event);

        /** The server asked the client to end the session; the client answers with {@code close}. */
        default void onDisconnect(String reason, String info) {
        }

        /** Something odd that did not end the session (an unexpected message, a malformed entity). */
        default void onWarning(String message) {
        }
    }

    /**
     * How the session went.
     *
     * @param media        the offer the server selected; null if it selected none or never answered
     * @param framesPaused frames not sent because the server had paused the stream
     * @param closeStatus  "closed" after a clean {@code close} → {@code closed}; otherwise what went wrong
     * @param failure      null if the client saw no protocol error or timeout
     */
    public record Summary(UUID sessionId, String recording, Media media, int frames, int framesSent, int framesLost,
            int framesPaused, int transcripts, int partials, int finals, int invalidEntities, int pings, Duration lastRtt,
            boolean closed, String closeStatus, String disconnect, String failure, Duration elapsed) {
        /** Received {@code closed} and saw nothing wrong; a server {@code disconnect} is not the client's failure. */
        public boolean ok() {
            return closed && failure == null;
        }
    }

    private enum State { OPENING, STREAMING, CLOSING, DONE }

    private sealed interface Inbound permits Text, Binary, SocketClosed, SocketFailed, Stop {
    }

    /** {@code json} null: the message was longer than the protocol allows. */
    private record Text(String json, long epochMillis, long nanos, long sentSamples, long streamSamples)
            implements Inbound {
    }

    private record Binary() implements Inbound {
    }

    private record SocketClosed(int code, String reason) implements Inbound {
    }

    private record SocketFailed(Throwable error) implements Inbound {
    }

    private record Stop() implements Inbound {
    }

    /** The socket broke while sending: the session cannot continue. */
    private static final class SendFailed extends RuntimeException {
        SendFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Options options;
    private final HttpClient http;
    private final UUID sessionId = UUID.randomUUID();
    private final UUID correlationId = UUID.randomUUID();
    private final UUID conversationId = UUID.randomUUID();
    private final ClientMessages messages = new ClientMessages(sessionId);
    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final Random lossRandom;
    private final Random jitterRandom;
    private final long frameNanos;
    /** Audio sent ({@code Pr} as the server will count it) and the stream position ({@code Ps}), in samples. */
    private volatile long sentSamples;
    private volatile long streamSamples;
    private boolean started;

    private WebSocket ws;
    private State state;
    private long seq;
    private long serverseq;
    private Media media;
    private ReplayAudio audio;
    private Listener listener;
    private int frameCount;
    private int frameIndex;
    private int originFrame;
    private long streamStart;
    private long nextFrameDue;
    private long openDeadline;
    private long closeDeadline;
    private long nextPingAt;
    private boolean pingOutstanding;
    private long pingSeq;
    private long pingSentAt;
    private int pongs;
    private Duration lastRtt;
    private boolean paused;
    private long pauseStart;
    private long gapStart = -1;
    private long gapSamples;
    private int framesSent;
    private int framesLost;
    private int framesPaused;
    private int transcripts;
    private int partials;
    private int finals;
    private int invalidEntities;
    private int pings;
    private boolean closed;
    private String failure;
    private String disconnect;
    private String endNote;

    public AudioHookClient(Options options) {
        this(options, HttpClient.newHttpClient());
    }

    /** Several clients may share one {@code http} (one selector thread for all). */
    public AudioHookClient(Options options, HttpClient http) {
        this.options = options;
        this.http = http;
        this.lossRandom = new Random(options.seed());
        this.jitterRandom = new Random(options.seed() ^ 0x5DEECE66DL);
        this.frameNanos = Math.round(FRAME_SAMPLES * 1e9 / ReplayAudio.RATE / options.speed());
    }

    public UUID sessionId() {
        return sessionId;
    }

    /** Ends the stream early from another thread: the session sends {@code close} and waits for {@code closed}. */
    public void stop() {
        inbound.add(new Stop());
    }

    /**
     * Plays {@code recording} as one session and returns once it is over.
     *
     * @throws AudioHookClientException when no session could start (connection or upgrade refused); everything after
     *                                  the upgrade ends up in the {@link Summary}
     */
    public Summary run(ReplayAudio recording, Listener events) throws AudioHookClientException, InterruptedException {
        if (started) {
            throw new IllegalStateException("a client runs one session; create another for the next call");
        }
        started = true;
        this.audio = recording;
        this.listener = events;
        this.frameCount = recording.frames(FRAME_SAMPLES);
        long began = System.nanoTime();
        connect();
        try {
            state = State.OPENING;
            ObjectNode open = ClientMessages.open(options.organizationId(), conversationId,
                    new ClientMessages.Participant(UUID.randomUUID(), "+15550100", "Replay caller", "+18005550100"),
                    options.offers(), options.language(), false, options.customConfig());
            send("open", open);
            openDeadline = System.nanoTime() + options.openTimeout().toNanos();
            while (state != State.DONE) {
                long now = System.nanoTime();
                long wait = wakeAt(now) - now;
                Inbound m = wait <= 0 ? inbound.poll() : inbound.poll(wait, TimeUnit.NANOSECONDS);
                if (m != null) {
                    handle(m);
                }
                if (state != State.DONE) {
                    timers(System.nanoTime());
                }
            }
        } catch (SendFailed e) {
            fail(e.getMessage());
            state = State.DONE;
        } finally {
            shutdownSocket();
        }
        String status = closed ? "closed" + (disconnect != null ? " after server disconnect (" + disconnect + ")" : "")
                + (endNote != null ? ", " + endNote : "") : failure != null ? failure : "not closed";
        return new Summary(sessionId, recording.name(), media, frameCount, framesSent, framesLost, framesPaused,
                transcripts, partials, finals, invalidEntities, pings, lastRtt, closed, status, disconnect, failure,
                Duration.ofNanos(System.nanoTime() - began));
    }

    // --- connection ---------------------------------------------------------------------------------------------

    private void connect() throws AudioHookClientException, InterruptedException {
        URI url = options.url();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        String org = options.organizationId().toString();
        b.header("Audiohook-Organization-Id", org);
        b.header("Audiohook-Session-Id", sessionId.toString());
        b.header("Audiohook-Correlation-Id", correlationId.toString());
        b.header("X-API-KEY", options.apiKey());
        b.header("User-Agent", USER_AGENT);
        if (options.secret() != null) {
            RequestSigner.Signature s = RequestSigner.sign(new RequestSigner.Request(requestTarget(url), authority(url),
                    org, sessionId.toString(), correlationId.toString(), options.apiKey()), options.secret(),
                    Instant.now().getEpochSecond());
            b.header("Signature-Input", s.signatureInput());
            b.header("Signature", s.signature());
        }
        try {
            ws = b.buildAsync(url, new SocketListener()).get(options.connectTimeout().toMillis() + 5_000,
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AudioHookClientException("no answer from " + url + " within " + options.connectTimeout().toSeconds()
                    + " s", 0, e);
        } catch (ExecutionException e) {
            throw refused(url, e.getCause());
        }
    }

    static AudioHookClientException refused(URI url, Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            String why = switch (status) {
                case 401 -> "the API key is unknown or revoked, or the request signature is missing or wrong"
                        + " (a tenant with an AudioHook client secret needs it to sign)";
                case 403 -> "the API key is not an ingest key";
                case 400 -> "the server rejected the AudioHook headers";
                case 404 -> "no AudioHook endpoint at this path";
                case 409 -> "a session with this id is already open";
                default -> "the server refused the WebSocket upgrade";
            };
            return new AudioHookClientException("upgrade refused by " + url + " with HTTP " + status + ": " + why,
                    status, cause);
        }
        if (cause instanceof ConnectException) {
            return new AudioHookClientException("cannot connect to " + url + ": connection refused (is the ingest"
                    + " server running there?)", 0, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new AudioHookClientException("timed out connecting to " + url, 0, cause);
        }
        if (cause instanceof SSLException) {
            return new AudioHookClientException("TLS handshake with " + url + " failed: " + cause.getMessage(), 0, cause);
        }
        if (cause instanceof IOException) {
            return new AudioHookClientException("cannot connect to " + url + ": " + cause, 0, cause);
        }
        return new AudioHookClientException("cannot open a WebSocket to " + url + ": " + cause, 0, cause);
    }

    /** {@code @request-target} (§3.3): the path and query exactly as the request line carries them. */
    static String requestTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /**
     * {@code @authority}: the {@code Host} header the JDK's client sends (RFC 7230 §5.4) — the port only when it is not
     * the scheme's default.
     */
    static String authority(URI url) {
        boolean secure = url.getScheme().equalsIgnoreCase("wss");
        int port = url.getPort();
        boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }

    private void shutdownSocket() throws InterruptedException {
        if (ws == null) {
            return;
        }
        try {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!ws.isInputClosed() && System.nanoTime() < deadline) {
                Inbound m = inbound.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (m instanceof SocketClosed || m instanceof SocketFailed) {
                    break;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            // the socket is already gone; nothing left to tell the server
        } finally {
            if (!ws.isInputClosed()) {
                ws.abort();
            }
        }
    }

    // --- the session loop ---------------------------------------------------------------------------------------

    private long wakeAt(long now) {
        return switch (state) {
            case OPENING -> openDeadline;
            case STREAMING -> Math.min(frameIndex < frameCount ? nextFrameDue : Long.MAX_VALUE, nextPingAt);
            case CLOSING -> closeDeadline;
            case DONE -> now;
        };
    }

    private void timers(long now) {
        switch (state) {
            case OPENING -> {
                if (now - openDeadline >= 0) {
                    protocolError(408, "no opened within " + seconds(options.openTimeout()));
                }
            }
            case STREAMING -> {
                if (now - nextPingAt >= 0) {
                    ping(now);
                }
                if (state == State.STREAMING) {
                    stream(now);
                }
            }
            case CLOSING -> {
                if (now - closeDeadline >= 0) {
                    sendError(408, "no closed within " + seconds(options.closeTimeout()));
                    fail("no closed within " + seconds(options.closeTimeout()));
                    state = State.DONE;
                }
            }
            default -> {
            }
        }
    }

    private void stream(long now) {
        int burst = 0;
        while (frameIndex < frameCount && now - nextFrameDue >= 0 && burst++ < MAX_FRAMES_PER_TURN) {
            long start = (long) frameIndex * FRAME_SAMPLES;
            int length = (int) Math.min(FRAME_SAMPLES, audio.samples() - start);
            if (paused) {
                framesPaused++;
            } else if (options.loss() > 0 && lossRandom.nextDouble() < options.loss()) {
                framesLost++;
                if (gapStart < 0) {
                    gapStart = start;
                }
                gapSamples += length;
            } else {
                flushGap();
                sendBinary(audio.frame(frameIndex, FRAME_SAMPLES, media.channels()));
                framesSent++;
                sentSamples += length;
            }
            frameIndex++;
            streamSamples += length;
            nextFrameDue = due(frameIndex, nextFrameDue);
        }
        if (frameIndex == frameCount) {
            flushGap();
            close("end");
        }
    }

    /** Frame i's base time plus a random delay, but never before frame i-1: jitter that keeps order. */
    private long due(int index, long previous) {
        long base = streamStart + (index - originFrame) * frameNanos;
        if (options.jitterMs() > 0) {
            base += (long) (jitterRandom.nextDouble() * options.jitterMs() * 1_000_000L);
        }
        return index == originFrame ? base : Math.max(base, previous);
    }

    /** Lost frames announced as one {@code discarded} just before the audio that follows them (spec §5.1). */
    private void flushGap() {
        if (gapStart >= 0) {
            if (options.reportLoss()) {
                send("discarded", ClientMessages.gap(gapStart, gapSamples));
            }
            gapStart = -1;
            gapSamples = 0;
        }
    }

    /** First ping 1 s after {@code opened}, the second right after the first pong (so it carries an RTT), then every interval. */
    private void ping(long now) {
        if (pingOutstanding) {
            protocolError(408, "no pong within " + seconds(options.pingInterval()));
            return;
        }
        pingSeq = send("ping", ClientMessages.ping(lastRtt));
        pingSentAt = now;
        pingOutstanding = true;
        pings++;
        nextPingAt = now + options.pingInterval().toNanos();
    }

    private void close(String reason) {
        send("close", ClientMessages.close(reason));
        state = State.CLOSING;
        closeDeadline = System.nanoTime() + options.closeTimeout().toNanos();
    }

    private void handle(Inbound m) {
        if (m instanceof Text t) {
            if (t.json() == null) {
                protocolError(413, "server message longer than " + MAX_TEXT + " characters");
            } else {
                onMessage(t);
            }
        } else if (m instanceof Binary) {
            protocolError(415, "binary frame from the server (audio flows client to server only)");
        } else if (m instanceof SocketClosed c) {
            if (!closed) {
                fail("socket closed by the server before closed (" + c.code()
                        + (c.reason() == null || c.reason().isEmpty() ? "" : " " + c.reason()) + ")");
            }
            state = State.DONE;
        } else if (m instanceof SocketFailed f) {
            fail("connection failed: " + f.error());
            state = State.DONE;
        } else if (m instanceof Stop) {
            if (state == State.OPENING || state == State.STREAMING) {
                endNote = "stopped early";
                flushGap();
                close("end");
            }
        }
    }

    private void onMessage(Text t) {
        JsonNode m;
        try {
            m = ClientMessages.JSON.readTree(t.json());
        } catch (IOException e) {
            protocolError(400, "server message is not JSON");
            return;
        }
        if (m == null || !m.isObject()) {
            protocolError(400, "server message is not a JSON object");
            return;
        }
        if (!"2".equals(m.path("version").asText(null))) {
            protocolError(400, "server message version is " + m.path("version") + ", not \"2\"");
            return;
        }
        if (!sessionId.toString().equalsIgnoreCase(m.path("id").asText(""))) {
            protocolError(400, "server message id " + m.path("id") + " is not the session id");
            return;
        }
        JsonNode s = m.path("seq");
        if (!s.isIntegralNumber() || s.asLong() != serverseq + 1) {
            protocolError(400, "server seq " + s + " where " + (serverseq + 1) + " was due");
            return;
        }
        serverseq = s.asLong();
        String type = m.path("type").asText("");
        JsonNode p = m.path("parameters");
        switch (type) {
            case "opened" -> opened(p, t);
            case "pong" -> pong(m, t);
            case "ping" -> send("pong", ClientMessages.empty()); // not in the spec's direction, but harmless to answer
            case "pause" -> pause();
            case "resume" -> resume();
            case "event" -> event(p, t);
            case "disconnect", "reconnect" -> disconnect(type, p);
            case "closed" -> {
                if (state == State.CLOSING) {
                    closed = true;
                } else {
                    sendError(409, "closed before close");
                    fail("server sent closed without a close");
                }
                state = State.DONE;
            }
            case "updated" -> {
            }
            default -> listener.onWarning("ignored server message of unknown type '" + type + "'");
        }
    }

    private void opened(JsonNode p, Text t) {
        if (state != State.OPENING) {
            sendError(409, "opened outside the open transaction");
            listener.onWarning("unexpected opened");
            return;
        }
        JsonNode selected = p.path("media");
        if (!selected.isArray() || selected.size() > 1) {
            protocolError(400, "opened.media must list at most one of the offers");
            return;
        }
        if (selected.size() == 0) {
            endNote = "the server selected no media";
            close("end");
            return;
        }
        Media chosen = Media.fromJson(selected.get(0));
        if (chosen == null || !options.offers().contains(chosen)) {
            protocolError(400, "opened.media " + selected.get(0) + " is not one of the offers");
            return;
        }
        media = chosen;
        state = State.STREAMING;
        streamStart = t.nanos();
        nextPingAt = streamStart + FIRST_PING.toNanos();
        if (p.path("discardTo").isTextual()) {
            long to = nanosToSamples(parseDuration(p.path("discardTo").asText(), "opened.discardTo"));
            int skip = (int) Math.min(frameCount, (to + FRAME_SAMPLES - 1) / FRAME_SAMPLES);
            if (skip > 0) {
                long skipped = Math.min(audio.samples(), (long) skip * FRAME_SAMPLES);
                streamSamples = skipped;
                send("discarded", ClientMessages.gap(0, skipped));
                frameIndex = skip;
                originFrame = skip;
            }
        }
        nextFrameDue = due(frameIndex, streamStart);
        if (p.path("startPaused").asBoolean(false)) {
            paused = true;
            pauseStart = streamSamples;
            send("paused", ClientMessages.empty());
        }
    }

    private void pong(JsonNode m, Text t) {
        if (!pingOutstanding) {
            listener.onWarning("pong without a ping");
            return;
        }
        if (m.path("clientseq").asLong(-1) != pingSeq) {
            protocolError(400, "pong clientseq " + m.path("clientseq") + " does not answer ping " + pingSeq);
            return;
        }
        pingOutstanding = false;
        lastRtt = Duration.ofNanos(t.nanos() - pingSentAt);
        if (++pongs == 1 && state == State.STREAMING) {
            nextPingAt = t.nanos();
        }
    }

    private void pause() {
        if (state != State.STREAMING) {
            return;
        }
        if (!paused) {
            flushGap();
            paused = true;
            pauseStart = streamSamples;
        }
        send("paused", ClientMessages.empty()); // idempotent: a repeated pause gets another paused
    }

    private void resume() {
        if (state != State.STREAMING) {
            return;
        }
        if (paused) {
            paused = false;
            send("resumed", ClientMessages.gap(pauseStart, streamSamples - pauseStart));
        } else {
            send("resumed", ClientMessages.gap(streamSamples, 0));
        }
    }

    private void disconnect(String type, JsonNode p) {
        String reason = p.path("reason").asText(type.equals("reconnect") ? "reconnect" : "");
        String info = p.path("info").asText(null);
        disconnect = reason + (info == null || info.isEmpty() ? "" : ": " + info);
        listener.onDisconnect(reason, info);
        if (state == State.OPENING || state == State.STREAMING) {
            close(type);
        }
    }

    private void event(JsonNode p, Text t) {
        for (JsonNode entity : p.path("entities")) {
            if (!"transcript".equals(entity.path("type").asText())) {
                continue;
            }
            TranscriptEvent e;
            try {
                e = transcript(entity.path("data"), t);
            } catch (IllegalArgumentException bad) {
                invalidEntities++;
                listener.onWarning("invalid transcript entity: " + bad.getMessage());
                continue;
            }
            transcripts++;
            if (e.isFinal()) {
                finals++;
            } else {
                partials++;
            }
            try {
                listener.onTranscript(e);
            } catch (RuntimeException listenerBug) {
                listener.onWarning("transcript listener failed: " + listenerBug);
            }
        }
    }

    /** Reads §9.2, and the older field names §11.1–2 lists ({@code position}, {@code channel}). */
    private TranscriptEvent transcript(JsonNode d, Text t) {
        String id = d.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("no id");
        }
        List<String> channels = media == null ? List.of() : media.channels();
        int channelId;
        String channel;
        if (d.path("channelId").isInt()) {
            channelId = d.get("channelId").asInt();
            if (channelId < 0 || channelId >= channels.size()) {
                throw new IllegalArgumentException("channelId " + channelId + " outside the selected media " + channels);
            }
            channel = channels.get(channelId);
        } else if (d.path("channel").isTextual()) {
            channel = d.get("channel").asText();
            channelId = channels.indexOf(channel);
        } else {
            throw new IllegalArgumentException("no channelId");
        }
        if (!d.path("isFinal").isBoolean()) {
            throw new IllegalArgumentException("isFinal missing or not a boolean");
        }
        boolean isFinal = d.get("isFinal").asBoolean();
        JsonNode at = d.has("offset") ? d.get("offset") : d.get("position");
        Duration offset = at == null ? null : parseDuration(at.asText(), "offset");
        Duration duration = d.has("duration") ? parseDuration(d.get("duration").asText(), "duration") : null;
        if (isFinal && (offset == null || duration == null)) {
            throw new IllegalArgumentException("a final transcript needs offset and duration");
        }
        JsonNode best = d.path("alternatives").path(0);
        JsonNode display = best.path("interpretations").path(0);
        if (!display.path("transcript").isTextual()) {
            throw new IllegalArgumentException("no alternatives[0].interpretations[0].transcript");
        }
        return new TranscriptEvent(sessionId, id, channelId, channel, isFinal, offset, duration,
                display.get("transcript").asText(), best.path("confidence").asDouble(Double.NaN), t.epochMillis(),
                t.nanos(), samplesToDuration(t.sentSamples()), samplesToDuration(t.streamSamples()));
    }

    // --- sending ------------------------------------------------------------------------------------------------

    /** Numbers and writes one message: the only place {@code seq} changes, and only for a message that went out. */
    private long send(String type, ObjectNode parameters) {
        long next = seq + 1;
        String text = messages.envelope(type, next, serverseq, streamSamples, parameters);
        await(ws.sendText(text, true), "sending " + type);
        seq = next;
        return next;
    }

    private void sendBinary(byte[] frame) {
        await(ws.sendBinary(ByteBuffer.wrap(frame), true), "sending audio");
    }

    private void await(java.util.concurrent.CompletableFuture<WebSocket> sent, String what) {
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailed(what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SendFailed(what + " failed: " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    private void sendError(int code, String message) {
        try {
            send("error", ClientMessages.error(code, message));
        } catch (SendFailed ignored) {
            // already failing; the error message was a courtesy
        }
    }

    /** The client-detected problems of §5.1 {@code error}: report it, then {@code close} with reason error. */
    private void protocolError(int code, String message) {
        fail(message);
        sendError(code, message);
        if (state == State.OPENING || state == State.STREAMING) {
            close("error");
        } else if (state == State.CLOSING) {
            state = State.DONE;
        }
    }

    private void fail(String message) {
        if (failure == null) {
            failure = message;
        }
    }

    // --- durations ----------------------------------------------------------------------------------------------

    private static Duration parseDuration(String text, String field) {
        try {
            return StreamDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static long nanosToSamples(Duration d) {
        return d.toNanos() * ReplayAudio.RATE / 1_000_000_000L;
    }

    private static Duration samplesToDuration(long samples) {
        return Duration.ofNanos(samples * (1_000_000_000L / ReplayAudio.RATE));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Queues what arrives; the session thread does everything else. */
    private final class SocketListener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private boolean tooLarge;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!tooLarge) {
                text.append(data);
                if (text.length() > MAX_TEXT) {
                    tooLarge = true;
                    text.setLength(0);
                }
            }
            if (last) {
                inbound.add(new Text(tooLarge ? null : text.toString(), System.currentTimeMillis(), System.nanoTime(),
                        sentSamples, streamSamples));
                text.setLength(0);
                tooLarge = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                inbound.add(new Binary());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbound.add(new SocketClosed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbound.add(new SocketFailed(error));
        }
    }
}
