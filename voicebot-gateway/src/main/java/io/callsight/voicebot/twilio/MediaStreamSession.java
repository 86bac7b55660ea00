package io.callsight.voicebot.twilio;

import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.BotMediaChannel;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.CallInfo;
import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.TurnPlayback;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.twilio.MediaStreamMessage.Connected;
import io.callsight.voicebot.twilio.MediaStreamMessage.Dtmf;
import io.callsight.voicebot.twilio.MediaStreamMessage.Inbound;
import io.callsight.voicebot.twilio.MediaStreamMessage.Mark;
import io.callsight.voicebot.twilio.MediaStreamMessage.Media;
import io.callsight.voicebot.twilio.MediaStreamMessage.MediaFormat;
import io.callsight.voicebot.twilio.MediaStreamMessage.Sequenced;
import io.callsight.voicebot.twilio.MediaStreamMessage.Start;
import io.callsight.voicebot.twilio.MediaStreamMessage.Stop;
import io.callsight.voicebot.twilio.MediaStreamMessage.UnknownEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Media Streams WebSocket, bot side, as the state machine of spec §7: CONNECTED → WAIT_START → STREAMING → ENDED.
 * Text frames in, the bot's handler called, the bot's audio out through an {@link OutboundPacer}. No network code:
 * the server feeds it, tests drive it directly.
 *
 * <p>A bad message is counted and logged (its reason, never its content) and the stream goes on; only what makes the
 * protocol impossible closes it: a {@code start} without a valid key (1008), a media format other than µ-law 8 kHz
 * mono (1003), a bot that cannot be created (1011), and the watchdogs of §7.
 *
 * <p>Every entry point holds the session's lock, which also guards the pacer and the playback bookkeeping: Jetty
 * delivers frames one at a time, but the bot's channel, the pacer's wake-ups and the watchdog come from other threads.
 */
public final class MediaStreamSession {
    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamSession.class);
    /** Detailed warnings per session; later ones go to debug (a broken client sends 50 bad messages a second). */
    private static final int WARNINGS_PER_SESSION = 5;
    /** The gateway's own mark for {@link BotMediaChannel#hangUp}: bot marks always contain ':', so it cannot clash. */
    static final String HANG_UP_MARK = "hangup";
    private static final String INBOUND = "inbound";

    public enum State { CONNECTED, WAIT_START, STREAMING, ENDED }

    private final String connectionId;
    private final SessionSettings settings;
    private final MediaStreamTransport transport;
    private final StartAuthorizer authorizer;
    private final BotCallHandlerFactory factory;
    private final GatewayCounters counters;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MediaStreamCodec codec;
    private final Instant connectedAt;
    private final SequenceTracker sequence = new SequenceTracker();
    private final CallerAudioTimeline timeline;
    private final PlaybackQueue playback = new PlaybackQueue();

    private State state = State.CONNECTED;
    private boolean connectedSeen;
    private boolean socketOpen = true;
    private long lastInboundMs;
    private long endedAtMs;
    private int warnings;
    private boolean unknownLogged;
    private boolean binaryLogged;
    private boolean handlerErrorLogged;
    private String streamSid;
    private CallInfo call;
    private OutboundPacer pacer;
    private BotCallHandler handler;
    private final Channel channel = new Channel();
    private boolean hangingUp;
    private long hangUpDeadlineMs;

    public MediaStreamSession(String connectionId, SessionSettings settings, MediaStreamTransport transport,
            StartAuthorizer authorizer, BotCallHandlerFactory factory, GatewayCounters counters, Clock clock,
            ScheduledExecutorService scheduler, MediaStreamCodec codec) {
        this.connectionId = connectionId;
        this.settings = settings;
        this.transport = transport;
        this.authorizer = authorizer;
        this.factory = factory;
        this.counters = counters;
        this.clock = clock;
        this.scheduler = scheduler;
        this.codec = codec;
        this.connectedAt = clock.instant();
        this.lastInboundMs = connectedAt.toEpochMilli();
        this.timeline = new CallerAudioTimeline(settings.maxGapFill().toMillis());
    }

    // ------------------------------------------------------------------------------------------ from the socket

    public synchronized void onText(String text) {
        lastInboundMs = clock.millis();
        counters.increment(Counter.MESSAGES_RECEIVED);
        if (state == State.ENDED) {
            return;
        }
        if (text.length() > settings.maxMessageChars()) {
            malformed("message of " + text.length() + " characters exceeds " + settings.maxMessageChars());
            return;
        }
        Inbound m;
        try {
            m = codec.parse(text);
        } catch (MalformedMessageException e) {
            malformed(e.getMessage());
            return;
        }
        if (m instanceof Connected) {
            onConnected();
        } else if (m instanceof Start s) {
            onStart(s);
        } else if (m instanceof UnknownEvent u) {
            counters.increment(Counter.EVENTS_UNKNOWN);
            if (!unknownLogged) {
                unknownLogged = true;
                LOG.info("{}: ignoring event '{}' (unknown events are ignored, logged once per session)", logId(),
                        printable(u.event()));
            }
        } else if (state != State.STREAMING) {
            outOfState(m);
        } else {
            onStreamMessage((Sequenced) m);
        }
    }

    /** Binary frames are not part of the protocol (§3): ignored. */
    public synchronized void onBinary(int length) {
        lastInboundMs = clock.millis();
        counters.increment(Counter.BINARY_FRAMES);
        if (!binaryLogged) {
            binaryLogged = true;
            LOG.warn("{}: ignoring a binary frame of {} bytes (Media Streams sends JSON text only)", logId(), length);
        }
    }

    /** The socket is gone (either side closed it, or it failed): the end of the stream (§4.6, §6.4). */
    public synchronized void onSocketClosed(int statusCode, String reason) {
        socketOpen = false;
        if (state != State.ENDED) {
            LOG.info("{}: socket closed ({} {}) without stop", logId(), statusCode, printable(reason));
            end(CallEndReason.SOCKET_CLOSED, 0, null);
        }
    }

    /** The watchdogs (§7) and the hang-up and close-after-stop deadlines; the server calls it about twice a second. */
    public synchronized void tick() {
        long now = clock.millis();
        switch (state) {
            case CONNECTED, WAIT_START -> {
                if (now - connectedAt.toEpochMilli() >= settings.startTimeout().toMillis()) {
                    counters.increment(Counter.WATCHDOG_CLOSES);
                    LOG.warn("{}: no start within {} ms of connecting: closing", logId(),
                            settings.startTimeout().toMillis());
                    end(null, 1008, "no start message");
                }
            }
            case STREAMING -> {
                if (now - lastInboundMs >= settings.inactivityTimeout().toMillis()) {
                    counters.increment(Counter.WATCHDOG_CLOSES);
                    LOG.warn("{}: no message for {} ms while streaming: closing", logId(), now - lastInboundMs);
                    end(CallEndReason.INACTIVITY_TIMEOUT, 1001, "no media");
                } else if (hangingUp && now >= hangUpDeadlineMs) {
                    LOG.info("{}: the last mark before hang-up did not come back in time: closing", logId());
                    end(CallEndReason.BOT_HANG_UP, 1000, "bot hung up");
                }
            }
            case ENDED -> {
                if (socketOpen && now - endedAtMs >= settings.stoppedCloseGrace().toMillis()) {
                    socketOpen = false;
                    transport.close(1000, "stream ended");
                }
            }
        }
    }

    /** The gateway is going down: the bot is told, the socket closed with 1001 (going away). */
    public synchronized void shutdown() {
        end(CallEndReason.SERVER_SHUTDOWN, 1001, "gateway shutting down");
    }

    // ------------------------------------------------------------------------------------------------ messages

    private void onConnected() {
        if (state == State.CONNECTED) {
            state = State.WAIT_START;
        } else if (connectedSeen || state != State.STREAMING) {
            outOfState(null);
        }
        // a connected after start is what "tolerate start first" (§7) means: not an error
        connectedSeen = true;
    }

    private void onStart(Start s) {
        if (state != State.CONNECTED && state != State.WAIT_START) {
            outOfState(s);
            return;
        }
        if (!MediaFormat.ULAW_8K_MONO.equals(s.mediaFormat())) {
            LOG.warn("{}: start offers {}, this gateway takes only {}: closing", logId(), s.mediaFormat(),
                    MediaFormat.ULAW_8K_MONO);
            end(null, 1003, "unsupported media format");
            return;
        }
        StartAuthorizer.Decision auth = authorizer.authorize(s.customParameters());
        if (!auth.allowed()) {
            counters.increment(Counter.CALLS_REFUSED);
            LOG.warn("stream {} (call {}): refused at start: {}", printable(s.streamSid()), printable(s.callSid()),
                    auth.refusal());
            end(null, 1008, "policy violation");
            return;
        }
        if (!s.tracks().equals(List.of(INBOUND))) {
            LOG.info("stream {}: tracks {} (a bidirectional stream has [inbound]); only inbound media is used",
                    printable(s.streamSid()), s.tracks());
        }
        streamSid = s.streamSid();
        sequence.start(s.sequenceNumber());
        Map<String, String> params = new LinkedHashMap<>(s.customParameters());
        params.remove(StartAuthorizer.API_KEY_PARAMETER);
        call = new CallInfo(auth.tenantId(), s.streamSid(), s.callSid(), s.accountSid(), params, connectedAt);
        pacer = new OutboundPacer(this, streamSid, playback, transport, codec, scheduler, clock, counters,
                settings.messageBytes(), settings.maxLead().toMillis());
        state = State.STREAMING;
        try {
            handler = factory.create(call, channel);
            if (handler == null) {
                throw new IllegalStateException("the factory returned no handler");
            }
        } catch (RuntimeException e) {
            counters.increment(Counter.HANDLER_ERRORS);
            LOG.error("{}: could not create the bot: {}", logId(), e.toString());
            handler = null;
            end(null, 1011, "bot unavailable");
            return;
        }
        counters.increment(Counter.CALLS_STARTED);
        LOG.info("{}: started, tenant {}, call {}", logId(), call.tenantId(), printable(call.callSid()));
    }

    private void onStreamMessage(Sequenced m) {
        if (!m.streamSid().equals(streamSid)) {
            counters.increment(Counter.MESSAGES_FOREIGN_STREAM);
            warn("ignoring a {} of another stream", eventOf(m));
            return;
        }
        long missingBefore = sequence.missing();
        switch (sequence.observe(m.sequenceNumber())) {
            case GAP -> {
                counters.increment(Counter.SEQUENCE_GAPS);
                counters.add(Counter.SEQUENCE_MISSING, sequence.missing() - missingBefore);
                LOG.debug("{}: sequenceNumber jumped to {}", logId(), m.sequenceNumber());
            }
            case BEHIND -> {
                counters.increment(Counter.SEQUENCE_BEHIND);
                LOG.debug("{}: sequenceNumber {} is not above the highest seen", logId(), m.sequenceNumber());
            }
            case IN_ORDER -> {
            }
        }
        if (m instanceof Media media) {
            onMedia(media);
        } else if (m instanceof Dtmf d) {
            counters.increment(Counter.DTMF_RECEIVED);
            notifyHandler(() -> handler.onDtmf(d.digit()));
        } else if (m instanceof Mark mark) {
            deliver(playback.markEchoed(mark.name(), clock.millis()));
        } else if (m instanceof Stop) {
            LOG.info("{}: stop", logId());
            end(CallEndReason.STOPPED, 0, null);
        } else {
            outOfState(m);
        }
    }

    private void onMedia(Media m) {
        if (!INBOUND.equals(m.track())) {
            // §9.7: outbound media only exists on unidirectional both_tracks streams; this server ignores it
            counters.increment(Counter.MEDIA_WRONG_TRACK);
            warn("ignoring media of track '{}' (only inbound is taken)", printable(m.track()));
            return;
        }
        CallerAudioTimeline.Placement p = timeline.place(m.timestamp(), m.payload());
        if (p.dropped()) {
            counters.increment(Counter.MEDIA_DROPPED);
            warn(p.tooFarAhead() ? "dropping media: timestamp jumps more than {} ms ahead"
                    : "dropping media: timestamp lies before audio already delivered (up to {} ms)",
                    p.tooFarAhead() ? settings.maxGapFill().toMillis() : timeline.endMs());
            return;
        }
        counters.add(Counter.MEDIA_FILLED_MS, Ulaw.millis(p.filledBytes()));
        for (CallerAudioTimeline.Piece piece : p.pieces()) {
            notifyHandler(() -> handler.onCallerAudio(piece.audio(), piece.offsetMs()));
        }
    }

    /** Reports mark echoes to the bot; the gateway's own hang-up mark ends the call instead. */
    private void deliver(List<PlaybackQueue.Echo> echoes) {
        for (PlaybackQueue.Echo e : echoes) {
            if (state != State.STREAMING) {
                return;
            }
            switch (e.status()) {
                case UNKNOWN -> {
                    counters.increment(Counter.MARKS_UNKNOWN);
                    LOG.debug("{}: ignoring the echo of a mark not pending (a late echo of an old turn?)", logId());
                    continue;
                }
                case PLAYED -> counters.increment(Counter.MARKS_PLAYED);
                case FLUSHED -> counters.increment(Counter.MARKS_FLUSHED);
            }
            if (e.internal()) {
                LOG.info("{}: the bot's last audio is {}: closing", logId(),
                        e.status() == PlaybackQueue.EchoStatus.PLAYED ? "played" : "cut off");
                end(CallEndReason.BOT_HANG_UP, 1000, "bot hung up");
                return;
            }
            boolean flushed = e.status() == PlaybackQueue.EchoStatus.FLUSHED;
            notifyHandler(() -> handler.onPlaybackMark(e.name(), flushed));
        }
    }

    // ---------------------------------------------------------------------------------------------- ending

    /**
     * Ends the stream once: the pacer stops, unconfirmed turns count as interrupted, the socket is closed with
     * {@code closeCode} (0: it is closing or closed already) and the bot, if one was created, hears {@code reason}.
     */
    private void end(CallEndReason reason, int closeCode, String closeReason) {
        if (state == State.ENDED) {
            return;
        }
        boolean hadBot = handler != null;
        state = State.ENDED;
        endedAtMs = clock.millis();
        if (pacer != null) {
            pacer.stop();
        }
        playback.callEnded();
        if (closeCode > 0 && socketOpen) {
            socketOpen = false;
            transport.close(closeCode, closeReason);
        }
        if (hadBot) {
            counters.increment(Counter.CALLS_ENDED);
            notifyHandler(() -> handler.onStop(reason));
            LOG.info("{}: ended ({}): caller audio up to {} ms, {} sequence gaps, {} bytes of bot audio sent", logId(),
                    reason, timeline.endMs(), sequence.gaps(), playback.totalSent());
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void notifyHandler(Runnable callback) {
        if (handler == null) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            counters.increment(Counter.HANDLER_ERRORS);
            if (!handlerErrorLogged) {
                handlerErrorLogged = true;
                LOG.error("{}: the bot's handler threw (logged once per call, counted always)", logId(), e);
            }
        }
    }

    private void malformed(String reason) {
        counters.increment(Counter.MESSAGES_MALFORMED);
        warn("ignoring a malformed message: {}", reason);
    }

    private void outOfState(Inbound m) {
        counters.increment(Counter.MESSAGES_OUT_OF_STATE);
        warn("ignoring {} in state {}", m == null ? "a second connected" : eventOf(m), state);
    }

    private void warn(String format, Object... args) {
        String f = "{}: " + format;
        Object[] a = new Object[args.length + 1];
        a[0] = logId();
        System.arraycopy(args, 0, a, 1, args.length);
        if (warnings++ < WARNINGS_PER_SESSION) {
            LOG.warn(f, a);
        } else {
            LOG.debug(f, a);
        }
    }

    private String logId() {
        return streamSid != null ? "stream " + printable(streamSid) : "connection " + connectionId;
    }

    private static String eventOf(Inbound m) {
        return m.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Client-chosen text in a log line: printable ASCII only, at most 64 characters. */
    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 64 ? b + "…" : b.toString();
    }

    private void deliverLater(List<PlaybackQueue.Echo> echoes) {
        if (!echoes.isEmpty()) {
            // not from inside the bot's own clear(): its callback would run re-entrantly in the middle of that call
            later(() -> deliver(echoes));
        }
    }

    /** Runs {@code task} under the session's lock on the shared scheduler, after the current entry point returns. */
    private void later(Runnable task) {
        try {
            scheduler.execute(() -> {
                synchronized (this) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: gateway stopping, a deferred step is skipped", logId());
        }
    }

    // ------------------------------------------------------------------------------------------------- reading

    public synchronized State state() {
        return state;
    }

    public String connectionId() {
        return connectionId;
    }

    /** Sequence numbers skipped so far on this stream (§6.1). */
    public synchronized long sequenceMissing() {
        return sequence.missing();
    }

    // ------------------------------------------------------------------------------------- the bot's channel

    private final class Channel implements BotMediaChannel {
        @Override
        public CallInfo call() {
            synchronized (MediaStreamSession.this) {
                return call;
            }
        }

        @Override
        public boolean play(String turnId, byte[] ulaw) {
            requireTurnId(turnId);
            synchronized (MediaStreamSession.this) {
                if (state != State.STREAMING || hangingUp || !playback.audioQueued(turnId, ulaw.length)) {
                    return false;
                }
                pacer.queueAudio(turnId, ulaw.clone());
                return true;
            }
        }

        @Override
        public boolean mark(String turnId, String segment) {
            requireTurnId(turnId);
            if (segment == null || segment.isEmpty()) {
                throw new IllegalArgumentException("a mark needs a segment name");
            }
            String name = BotMediaChannel.markName(turnId, segment);
            synchronized (MediaStreamSession.this) {
                if (state != State.STREAMING || hangingUp || !playback.markQueued(turnId, name, false)) {
                    return false;
                }
                pacer.queueMark(name);
                return true;
            }
        }

        @Override
        public Optional<TurnPlayback> clear() {
            synchronized (MediaStreamSession.this) {
                if (state != State.STREAMING) {
                    return Optional.empty();
                }
                pacer.clear();
                PlaybackQueue.ClearOutcome outcome = playback.clear(clock.millis());
                LOG.debug("{}: clear; {} bytes of the current turn heard", logId(),
                        outcome.currentTurn().map(TurnPlayback::bytesPlayed).orElse(0L));
                deliverLater(outcome.releasedNow());
                return outcome.currentTurn();
            }
        }

        @Override
        public boolean isSpeaking() {
            synchronized (MediaStreamSession.this) {
                return state == State.STREAMING && playback.isSpeaking();
            }
        }

        @Override
        public void hangUp() {
            synchronized (MediaStreamSession.this) {
                if (state != State.STREAMING || hangingUp) {
                    return;
                }
                hangingUp = true;
                long now = clock.millis();
                if (!playback.isSpeaking() && playback.lead(now) == 0) {
                    // nothing left to play; ended from the scheduler, so onStop does not arrive inside the callback
                    // that may have called hangUp
                    later(() -> end(CallEndReason.BOT_HANG_UP, 1000, "bot hung up"));
                    return;
                }
                playback.markQueued(null, HANG_UP_MARK, true);
                pacer.queueMark(HANG_UP_MARK);
                long remainingMs = Ulaw.millis(playback.unsent() + playback.lead(now));
                hangUpDeadlineMs = now + remainingMs + settings.hangUpGrace().toMillis();
            }
        }

        @Override
        public Optional<TurnPlayback> turn(String turnId) {
            synchronized (MediaStreamSession.this) {
                return playback.turn(turnId);
            }
        }

        private void requireTurnId(String turnId) {
            if (turnId == null || turnId.isEmpty() || turnId.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a turn id must be non-empty and without ':'");
            }
        }
    }
}
