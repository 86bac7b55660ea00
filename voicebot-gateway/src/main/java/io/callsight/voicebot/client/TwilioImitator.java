package io.callsight.voicebot.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * A Twilio stand-in for tests and benchmarks: the client side of Media Streams (bidirectional) as spec §4–§6
 * describes it. It connects (key in {@code X-API-KEY} or in {@code customParameters}), sends {@code connected} and
 * {@code start}, then one {@code media} every 20 ms in real time: the caller's clips when there are any, µ-law silence
 * otherwise, as a phone line does. Bot audio is "played" by a {@link PlaybackModel} at 8,000 bytes per second; marks
 * are echoed when playback passes them, {@code clear} flushes and returns them at once.
 *
 * <p>Every server message is checked strictly ({@link ServerMessage}); a violation is recorded in {@link #errors()},
 * not thrown, so a test sees all of them. Played bot audio is recorded with its time ({@link System#nanoTime()}), so
 * a benchmark can measure from the end of the caller's speech ({@link Speech#endNanos()}) to the first bot audio.
 *
 * <p>One thread per imitator does all the sending, so messages go out in order and one at a time (the JDK's WebSocket
 * allows one outstanding send).
 */
public final class TwilioImitator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FRAME = 160;
    private static final long FRAME_MS = 20;
    private static final byte SILENCE = (byte) 0xFF;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A clip the caller said: when its first and last chunk went out, and at which media timestamps. */
    public record Speech(long startNanos, long endNanos, long firstTimestampMs, long endTimestampMs) {
    }

    /** A mark the imitator echoed, and whether a {@code clear} returned it. */
    public record EchoedMark(String name, long atNanos, boolean byClear) {
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public static final class Builder {
        private final URI uri;
        private String headerKey;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String accountSid = "AC" + hex(16);
        private String callSid = "CA" + hex(16);
        private String streamSid = "MZ" + hex(16);
        private List<String> tracks = List.of("inbound");
        private long firstTimestampMs;
        private byte[] callerAudio = new byte[0];
        private boolean silenceWhenIdle = true;

        private Builder(URI uri) {
            this.uri = uri;
        }

        /** Sends the key as the {@code X-API-KEY} upgrade header (our own softswitch can; Twilio cannot). */
        public Builder apiKeyHeader(String key) {
            this.headerKey = key;
            return this;
        }

        /** Sends the key as {@code start.customParameters.apiKey}, as a TwiML {@code <Parameter>} would. */
        public Builder apiKeyParameter(String key) {
            parameters.put("apiKey", key);
            return this;
        }

        public Builder customParameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder streamSid(String sid) {
            this.streamSid = sid;
            return this;
        }

        public Builder callSid(String sid) {
            this.callSid = sid;
            return this;
        }

        public Builder accountSid(String sid) {
            this.accountSid = sid;
            return this;
        }

        public Builder tracks(List<String> t) {
            this.tracks = List.copyOf(t);
            return this;
        }

        /** The first media timestamp; Twilio's need not be 0 (a real log starts at 52, §4.3). */
        public Builder firstTimestampMs(long ms) {
            this.firstTimestampMs = ms;
            return this;
        }

        /** What the caller says right after {@code start}; more can be scripted with {@link #say} and friends. */
        public Builder callerAudio(byte[] ulaw) {
            this.callerAudio = ulaw.clone();
            return this;
        }

        /** Whether silence is streamed while the caller says nothing (true, like a phone line). */
        public Builder silenceWhenIdle(boolean on) {
            this.silenceWhenIdle = on;
            return this;
        }

        /**
         * Connects and starts the stream.
         *
         * @throws java.util.concurrent.CompletionException wrapping {@link java.net.http.WebSocketHandshakeException}
         *         when the server refuses the upgrade
         */
        public TwilioImitator connect() {
            TwilioImitator t = new TwilioImitator(this);
            t.open();
            return t;
        }
    }

    /** A clip waiting to be said, and what makes it start. */
    private static final class Utterance {
        final byte[] audio;
        final LongPredicate ready;
        final CompletableFuture<Speech> done = new CompletableFuture<>();
        int pos;
        long startNanos;
        long firstTimestamp;

        Utterance(byte[] audio, LongPredicate ready) {
            this.audio = audio;
            this.ready = ready;
        }
    }

    private final Builder config;
    private final ScheduledExecutorService thread;
    private final PlaybackModel playback = new PlaybackModel();
    private final Deque<Utterance> script = new ArrayDeque<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<EchoedMark> echoed = new CopyOnWriteArrayList<>();
    private final List<String> marksReceived = new CopyOnWriteArrayList<>();
    private final List<Long> clears = new CopyOnWriteArrayList<>();
    private final AtomicInteger mediaReceived = new AtomicInteger();
    private final AtomicInteger afterStop = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;
    private long sequence;
    private long chunk;
    private long timestampMs;
    private Utterance speaking;
    private boolean stopped;
    private volatile boolean started;
    private long startNanos;

    private TwilioImitator(Builder b) {
        this.config = b;
        this.timestampMs = b.firstTimestampMs;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twilio-imitator-" + b.streamSid.substring(0, Math.min(10, b.streamSid.length())));
            t.setDaemon(true);
            return t;
        });
        if (b.callerAudio.length > 0) {
            script.add(new Utterance(b.callerAudio, now -> true));
        }
    }

    private void open() {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (config.headerKey != null) {
            b.header("X-API-KEY", config.headerKey);
        }
        try {
            ws = b.buildAsync(config.uri, new Listener()).join();
        } catch (RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
        onThread(() -> {
            send(connectedMessage());
            send(startMessage());
            started = true;
            startNanos = System.nanoTime();
        }).join();
        thread.scheduleAtFixedRate(this::tick, FRAME_MS, FRAME_MS, TimeUnit.MILLISECONDS);
    }

    // ------------------------------------------------------------------------------------------ the caller

    /** Says a clip after whatever the caller is already saying. */
    public CompletableFuture<Speech> say(byte[] ulaw) {
        return enqueue(ulaw, now -> true);
    }

    /** Says a clip {@code delay} from now (or later, after the clips before it). */
    public CompletableFuture<Speech> sayAfter(Duration delay, byte[] ulaw) {
        long at = System.nanoTime() + delay.toNanos();
        return enqueue(ulaw, now -> now >= at);
    }

    /** Says a clip once bot audio played after this call and the playback queue then ran empty: the prompt ended. */
    public CompletableFuture<Speech> sayWhenBotFinishes(byte[] ulaw) {
        long armed = System.nanoTime();
        return enqueue(ulaw, now -> playback.idle() && playback.lastPlayedEnd() != Long.MIN_VALUE
                && playback.lastPlayedEnd() > armed);
    }

    /** Barge-in: says a clip once bot audio queued after this call has been playing for {@code into}. */
    public CompletableFuture<Speech> sayDuringBotAudio(Duration into, byte[] ulaw) {
        long armed = System.nanoTime();
        return enqueue(ulaw, now -> playedFrom(armed).map(first -> now >= first + into.toNanos()).orElse(false));
    }

    /** A key press (§4.4), sent between two media messages. */
    public void dtmf(char digit) {
        onThread(() -> {
            ObjectNode m = JSON.createObjectNode();
            m.put("event", "dtmf");
            m.put("streamSid", config.streamSid);
            m.put("sequenceNumber", Long.toString(++sequence));
            ObjectNode d = m.putObject("dtmf");
            d.put("track", "inbound_track");
            d.put("digit", String.valueOf(digit));
            send(m.toString());
        }).join();
    }

    /** Twilio dropped audio upstream (warning 31930): the media timestamps jump by {@code gap}, nothing is sent. */
    public void dropAudio(Duration gap) {
        onThread(() -> timestampMs += gap.toMillis()).join();
    }

    /** Sends a text frame as is (tests of malformed input); it takes no sequence number. */
    public void sendRaw(String text) {
        onThread(() -> send(text)).join();
    }

    /** The caller hangs up: {@code stop} (§4.6), then the socket is closed as Twilio does. */
    public CompletableFuture<Integer> hangUp() {
        onThread(() -> {
            if (stopped) {
                return;
            }
            stopped = true;
            ObjectNode m = JSON.createObjectNode();
            m.put("event", "stop");
            m.put("sequenceNumber", Long.toString(++sequence));
            ObjectNode s = m.putObject("stop");
            s.put("accountSid", config.accountSid);
            s.put("callSid", config.callSid);
            m.put("streamSid", config.streamSid);
            send(m.toString());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "call ended");
        }).join();
        return closed;
    }

    private CompletableFuture<Speech> enqueue(byte[] ulaw, LongPredicate ready) {
        Utterance u = new Utterance(ulaw.clone(), ready);
        onThread(() -> script.addLast(u)).join();
        return u.done;
    }

    // ------------------------------------------------------------------------------------ the 20 ms clock

    private void tick() {
        try {
            long now = System.nanoTime();
            echo(playback.advance(now), false);
            if (stopped) {
                return;
            }
            byte[] frame = nextFrame(now);
            if (frame != null) {
                sendMedia(frame);
            }
        } catch (RuntimeException e) {
            if (!stopped && !closed.isDone()) {
                errors.add("imitator: " + e);
            }
        }
    }

    private byte[] nextFrame(long now) {
        if (speaking == null && !script.isEmpty() && script.peekFirst().ready.test(now)) {
            speaking = script.removeFirst();
            speaking.startNanos = now;
            speaking.firstTimestamp = timestampMs;
        }
        if (speaking == null) {
            return config.silenceWhenIdle ? silence() : null;
        }
        byte[] frame = silence();
        int n = Math.min(FRAME, speaking.audio.length - speaking.pos);
        System.arraycopy(speaking.audio, speaking.pos, frame, 0, n);
        speaking.pos += n;
        if (speaking.pos >= speaking.audio.length) {
            Utterance u = speaking;
            speaking = null;
            // completes once this last chunk is on the wire
            thread.execute(() -> u.done.complete(new Speech(u.startNanos, System.nanoTime(), u.firstTimestamp,
                    timestampMs)));
        }
        return frame;
    }

    private static byte[] silence() {
        byte[] b = new byte[FRAME];
        Arrays.fill(b, SILENCE);
        return b;
    }

    private void sendMedia(byte[] frame) {
        ObjectNode m = JSON.createObjectNode();
        m.put("event", "media");
        m.put("sequenceNumber", Long.toString(++sequence));
        ObjectNode media = m.putObject("media");
        media.put("track", "inbound");
        media.put("chunk", Long.toString(++chunk));
        media.put("timestamp", Long.toString(timestampMs));
        media.put("payload", Base64.getEncoder().encodeToString(frame));
        m.put("streamSid", config.streamSid);
        timestampMs += FRAME_MS;
        send(m.toString());
    }

    // ------------------------------------------------------------------------------------ the bot's messages

    private void onServerText(String text) {
        long now = System.nanoTime();
        if (!started) {
            errors.add("server sent a message before start (§7: nothing is allowed before STREAMING)");
            return;
        }
        if (stopped) {
            afterStop.incrementAndGet();
            return;
        }
        ServerMessage m;
        try {
            m = StrictServerParser.parse(text, config.streamSid);
        } catch (ServerMessage.Violation v) {
            errors.add(v.getMessage());
            return;
        }
        if (m instanceof ServerMessage.Media media) {
            mediaReceived.incrementAndGet();
            echo(playback.enqueueAudio(media.audio(), now), false);
        } else if (m instanceof ServerMessage.Mark mark) {
            marksReceived.add(mark.name());
            echo(playback.enqueueMark(mark.name(), now), false);
        } else {
            clears.add(now);
            echo(playback.clear(now), true);
        }
    }

    private void echo(List<String> marks, boolean byClear) {
        for (String name : marks) {
            if (stopped) {
                return;
            }
            ObjectNode m = JSON.createObjectNode();
            m.put("event", "mark");
            m.put("sequenceNumber", Long.toString(++sequence));
            m.put("streamSid", config.streamSid);
            m.putObject("mark").put("name", name);
            send(m.toString());
            echoed.add(new EchoedMark(name, System.nanoTime(), byClear));
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onThreadLater(() -> onServerText(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                errors.add("server sent a binary frame (Media Streams is JSON text only, §3)");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onThreadLater(() -> stopped = true);
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onThreadLater(() -> stopped = true);
            closed.complete(-1);
        }
    }

    // ------------------------------------------------------------------------------------------ messages

    private String connectedMessage() {
        ObjectNode m = JSON.createObjectNode();
        m.put("event", "connected");
        m.put("protocol", "Call");
        m.put("version", "1.0.0");
        return m.toString();
    }

    private String startMessage() {
        ObjectNode m = JSON.createObjectNode();
        m.put("event", "start");
        m.put("sequenceNumber", Long.toString(++sequence));
        ObjectNode s = m.putObject("start");
        s.put("accountSid", config.accountSid);
        s.put("streamSid", config.streamSid);
        s.put("callSid", config.callSid);
        config.tracks.forEach(s.putArray("tracks")::add);
        ObjectNode p = s.putObject("customParameters");
        config.parameters.forEach(p::put);
        ObjectNode f = s.putObject("mediaFormat");
        f.put("encoding", "audio/x-mulaw");
        f.put("sampleRate", 8000);
        f.put("channels", 1);
        m.put("streamSid", config.streamSid);
        return m.toString();
    }

    private void send(String text) {
        if (closed.isDone()) {
            return;
        }
        ws.sendText(text, true).join();
    }

    private CompletableFuture<Void> onThread(Runnable r) {
        return CompletableFuture.runAsync(r, thread);
    }

    /** From the socket's threads: a frame arriving while the imitator is being closed is simply not looked at. */
    private void onThreadLater(Runnable r) {
        try {
            thread.execute(r);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------------------------------ results

    public String streamSid() {
        return config.streamSid;
    }

    public String callSid() {
        return config.callSid;
    }

    /** When {@code start} went out ({@link System#nanoTime()}). */
    public long startNanos() {
        return startNanos;
    }

    /** Protocol violations by the server, in order; empty for a conforming server. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Server messages that arrived after the imitator sent {@code stop} (in flight then; not errors). */
    public int messagesAfterStop() {
        return afterStop.get();
    }

    public int mediaReceived() {
        return mediaReceived.get();
    }

    /** Names of the marks the server sent, in order. */
    public List<String> marksReceived() {
        return List.copyOf(marksReceived);
    }

    public List<EchoedMark> echoedMarks() {
        return List.copyOf(echoed);
    }

    /** When each {@code clear} arrived ({@link System#nanoTime()}). */
    public List<Long> clearsReceived() {
        return List.copyOf(clears);
    }

    /** Bot audio the caller heard, with the time each piece started playing. */
    public List<PlaybackModel.Played> played() {
        return call(playback::played);
    }

    /** All bot audio the caller heard, concatenated. */
    public byte[] playedAudio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PlaybackModel.Played p : played()) {
            out.writeBytes(p.audio());
        }
        return out.toByteArray();
    }

    /** Bot audio received and not played yet. */
    public long queuedBytes() {
        return call(playback::queuedBytes);
    }

    /** When the first bot audio played at or after {@code nanos}: end of caller speech → this is the bot's latency. */
    public Optional<Long> firstPlayedAfter(long nanos) {
        return call(() -> playedFrom(nanos));
    }

    private Optional<Long> playedFrom(long nanos) {
        for (PlaybackModel.Played p : playback.played()) {
            long end = p.atNanos() + p.audio().length * 125_000L;
            if (end > nanos) {
                return Optional.of(Math.max(p.atNanos(), nanos));
            }
        }
        return Optional.empty();
    }

    /** Waits until the server sent, and the imitator echoed, a mark of this name. */
    public EchoedMark awaitEcho(String name, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Iterator<EchoedMark> it = echoed.iterator(); it.hasNext(); ) {
                EchoedMark e = it.next();
                if (e.name().equals(name)) {
                    return e;
                }
            }
            Thread.sleep(5);
        }
        throw new TimeoutException("mark '" + name + "' not echoed within " + timeout);
    }

    /** The server's close status (-1 for a socket error), once the socket is closed. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public int awaitClose(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private <T> T call(Supplier<T> s) {
        if (thread.isShutdown()) {
            return s.get();
        }
        return CompletableFuture.supplyAsync(s, thread).join();
    }

    /** Hangs up if the call is still on, and stops the imitator's thread. */
    @Override
    public void close() {
        if (!thread.isShutdown()) {
            if (!closed.isDone()) {
                try {
                    hangUp().get(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    ws.abort();
                }
            }
            thread.shutdownNow();
            try {
                thread.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A short summary for a command line: what was sent, heard and wrong. */
    public String summary() {
        return String.format("stream %s: %d bot media, %d marks (%d echoed, %d by clear), %d clears, %d ms of bot"
                + " audio played, %d errors", config.streamSid, mediaReceived(), marksReceived.size(), echoed.size(),
                echoed.stream().filter(EchoedMark::byClear).count(), clears.size(), playedAudio().length / 8,
                errors.size());
    }
}
