package io.callsight.ingest.audiohook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.events.Word;
import io.callsight.ingest.CallerIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AudioHook v2 session (one WebSocket) as a state machine: client text and binary messages in, server messages
 * out through a {@link SessionTransport}, the call out through a {@link CallOutput}. No network or Kafka code: the
 * server edge feeds it, tests drive it directly.
 *
 * <p>Every entry point is {@code synchronized}: the WebSocket delivers one message at a time, but transcripts and
 * publishing trouble arrive from other threads, and a server message's {@code seq} must be taken and the message
 * queued under one lock so wire order equals numbering (§4.3).
 *
 * <p>Positions are counted in 8 kHz samples: {@code received} (Pr, audio actually received) and {@code gap} (paused
 * and discarded spans reported by the client); stream position Ps = Pr + gap (§7). Frames on calls.audio start at
 * their Ps, so the call's time line matches the client's.
 */
public final class AudioHookSession {
    private static final Logger LOG = LoggerFactory.getLogger(AudioHookSession.class);
    private static final UUID NIL = new UUID(0, 0);
    private static final int MAX_EVENT_CHARS = 65_000;

    public enum State { AWAIT_OPEN, ACTIVE, PAUSED, DISCONNECTING, CLOSING, CLOSED }

    private final SessionIdentity id;
    private final SessionSettings settings;
    private final SessionTransport transport;
    private final CallOutput output;
    private final ProtocolCounters counters;
    private final Clock clock;
    private final MessageCodec codec;
    private final Instant createdAt;

    private State state = State.AWAIT_OPEN;
    private long serverSeq;
    private long clientSeq;
    private boolean opened;
    private MediaOffer media;
    private String language;
    private boolean pausedForLanguage;
    private boolean probe;
    private String disconnectInfo;
    private Instant disconnectAt;
    private Instant closedDueAt;
    private Instant eventsBlockedUntil = Instant.MIN;
    private String closeReason;

    private CallOutput.LiveCall call;
    private boolean callEnded;
    private String conversationId;
    private CallEvent started;

    private long received;
    private long gap;
    /** The stream position the client's {@code close} reported, in samples; 0 before (or without) one. */
    private long closedAtPosition;
    /** Gaps as {stream position where it starts, its length}, for moving call times onto the received time line. */
    private final List<long[]> gaps = new ArrayList<>();
    private TrackBuffer[] buffers = new TrackBuffer[0];

    public AudioHookSession(SessionIdentity id, SessionSettings settings, SessionTransport transport, CallOutput output,
            ProtocolCounters counters, Clock clock) {
        this.id = id;
        this.settings = settings;
        this.transport = transport;
        this.output = output;
        this.counters = counters;
        this.clock = clock;
        this.codec = new MessageCodec(id.sessionId());
        this.createdAt = clock.instant();
    }

    /** The call id on calls.audio / calls.events: the AudioHook session id (a conversation may have several). */
    public String callId() {
        return id.sessionId().toString();
    }

    public synchronized State state() {
        return state;
    }

    public SessionIdentity identity() {
        return id;
    }

    public synchronized Optional<String> conversationId() {
        return Optional.ofNullable(conversationId);
    }

    // ---------------------------------------------------------------------------------------------- text messages

    public synchronized void onText(String text) {
        if (state == State.CLOSED) {
            counters.increment("dropped.after_closed");
            return;
        }
        if (text.length() > settings.maxTextChars()) {
            protocolError("too_large", "text message of " + text.length() + " characters exceeds "
                    + settings.maxTextChars());
            return;
        }
        ClientMessage m;
        try {
            m = codec.parse(text);
        } catch (ProtocolException e) {
            protocolError(e.kind(), e.getMessage());
            return;
        }
        // Once we asked the client to disconnect, its numbering no longer matters: its close must still get closed.
        if (state != State.DISCONNECTING) {
            if (m.seq() != clientSeq + 1) {
                protocolError("wrong_seq", "seq " + m.seq() + " after " + clientSeq + " (expected " + (clientSeq + 1) + ")");
                return;
            }
            if (m.serverseq() > serverSeq) {
                protocolError("wrong_serverseq", "serverseq " + m.serverseq() + " but the last server seq sent is "
                        + serverSeq);
                return;
            }
        }
        clientSeq = Math.max(clientSeq, m.seq());
        try {
            handle(m);
        } catch (ProtocolException e) {
            protocolError(e.kind(), e.getMessage());
        }
    }

    private void handle(ClientMessage m) throws ProtocolException {
        counters.increment("message." + (isKnown(m.type()) ? m.type() : "unknown"));
        switch (m.type()) {
            case "open" -> onOpen(m);
            case "ping" -> onPing(m);
            case "close" -> onClose(m);
            case "error" -> onClientError(m);
            case "paused", "resumed", "discarded", "update" -> {
                if (state == State.AWAIT_OPEN) {
                    throw new ProtocolException("before_open", m.type() + " before open");
                }
                switch (m.type()) {
                    case "paused" -> onPaused(m);
                    case "resumed" -> onResumed(m);
                    case "discarded" -> onDiscarded(m);
                    default -> onUpdate(m);
                }
            }
            default -> LOG.info("session {}: ignoring message of unknown type '{}'", callId(), printable(m.type()));
        }
    }

    private static boolean isKnown(String type) {
        return switch (type) {
            case "open", "ping", "close", "error", "paused", "resumed", "discarded", "update" -> true;
            default -> false;
        };
    }

    private void onOpen(ClientMessage m) throws ProtocolException {
        if (state != State.AWAIT_OPEN) {
            LOG.info("session {}: ignoring a second open", callId());
            return;
        }
        ObjectNode p = m.parameters();
        UUID org = requiredUuid(p, "organizationId");
        UUID conversation = requiredUuid(p, "conversationId");
        JsonNode participant = p.get("participant");
        if (participant == null || !participant.isObject()) {
            throw new ProtocolException("bad_open", "open.parameters.participant must be an object");
        }
        if (!participant.has("id") || MessageCodec.uuid(participant.path("id").asText(null)).isEmpty()) {
            throw new ProtocolException("bad_open", "open.parameters.participant.id must be a UUID");
        }
        String ani = optionalString(participant, "ani", "participant.ani");
        optionalString(participant, "aniName", "participant.aniName");
        String dnis = optionalString(participant, "dnis", "participant.dnis");
        JsonNode mediaOffers = p.get("media");
        if (mediaOffers == null || !mediaOffers.isArray()) {
            throw new ProtocolException("bad_open", "open.parameters.media must be an array");
        }
        String requestedLanguage = optionalString(p, "language", "language");
        JsonNode supported = p.get("supportedLanguages");
        if (supported != null && !supported.isBoolean()) {
            throw new ProtocolException("bad_open", "open.parameters.supportedLanguages must be a boolean");
        }
        JsonNode customConfig = p.get("customConfig");
        if (customConfig != null && !customConfig.isObject()) {
            throw new ProtocolException("bad_open", "open.parameters.customConfig must be an object");
        }
        JsonNode continued = p.get("continuedSessions");
        if (continued != null && !continued.isArray()) {
            throw new ProtocolException("bad_open", "open.parameters.continuedSessions must be an array");
        }
        if (!org.equals(id.organizationId())) {
            counters.increment("rejected.organization_mismatch");
            disconnect("unauthorized", "organization mismatch");
            return;
        }
        probe = conversation.equals(NIL);
        conversationId = conversation.toString();
        Optional<MediaOffer> chosen = MediaOffer.choose(mediaOffers, settings.acceptMono());
        if (chosen.isEmpty() && !probe) {
            counters.increment("rejected.no_media");
            disconnect("error", "no acceptable media offer: Callsight takes PCMU or L16 at 8000 Hz with channels"
                    + " external and/or internal");
            return;
        }
        media = chosen.orElse(null);

        boolean startPaused = false;
        if (requestedLanguage == null || requestedLanguage.isEmpty()) {
            language = id.languages().isEmpty() ? null : id.languages().get(0);
            startPaused = settings.pauseOnMissingLanguage();
        } else {
            language = resolveLanguage(requestedLanguage).orElse(null);
            startPaused = language == null && settings.pauseOnUnsupportedLanguage();
            if (language == null) {
                LOG.info("session {}: language '{}' is not one of tenant {}'s {}", callId(), printable(requestedLanguage),
                        id.tenant(), id.languages());
            }
        }
        pausedForLanguage = startPaused && media != null;

        ObjectNode params = MessageCodec.object();
        ArrayNode mediaOut = params.putArray("media");
        if (media != null) {
            mediaOut.add(media.offer());
        }
        params.put("startPaused", pausedForLanguage);
        if (supported != null && supported.asBoolean()) {
            ArrayNode langs = params.putArray("supportedLanguages");
            id.languages().forEach(langs::add);
        }
        if (media != null) {
            buffers = new TrackBuffer[media.channels()];
            for (int c = 0; c < buffers.length; c++) {
                buffers[c] = new TrackBuffer(media.tracks().get(c), settings.frameMs() * ProtocolDuration.SAMPLE_RATE / 1000
                        * media.codec().bytesPerSample());
            }
        }
        if (!probe && media != null) {
            Map<String, Object> custom = customConfig == null ? null
                    : MessageCodec.JSON.convertValue(customConfig, MAP_TYPE);
            long now = clock.millis();
            started = new CallEvent(id.tenant(), callId(), CallEvent.Type.STARTED, CallEvent.Direction.UNKNOWN,
                    CallerIds.hash(id.aniSalt(), ani), dnis == null || dnis.isEmpty() ? null : dnis, null,
                    custom != null && custom.get("campaign") instanceof String c ? c : null, media.tracks(), now, 0,
                    "audiohook", now, conversationId, language, custom, null);
            call = output.start(started, this::publishTrouble);
            counters.increment("calls.started");
        }
        opened = true;
        state = State.ACTIVE;
        send("opened", params);
        LOG.info("session {} opened: tenant {}, conversation {}, correlation {}, media {}, language {}{}", callId(),
                id.tenant(), conversationId, printable(id.correlationId()), media == null ? "none" : media.offer(),
                language, probe ? " (connection probe)" : "");
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP_TYPE =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private Optional<String> resolveLanguage(String requested) {
        String r = requested.toLowerCase(Locale.ROOT);
        for (String l : id.languages()) {
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.equals(r) || lower.startsWith(r + "-") && !r.contains("-")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private void onPing(ClientMessage m) {
        send("pong", MessageCodec.object());
    }

    private void onPaused(ClientMessage m) {
        flushFrames(false);
        if (state == State.ACTIVE) {
            state = State.PAUSED;
        }
        checkPosition(m);
    }

    private void onResumed(ClientMessage m) throws ProtocolException {
        Duration start = requiredDuration(m.parameters(), "start");
        Duration discarded = requiredDuration(m.parameters(), "discarded");
        addGap(discarded);
        if (state == State.PAUSED) {
            state = State.ACTIVE;
        }
        LOG.debug("session {} resumed at {} after {} not sent", callId(), start, discarded);
        checkPosition(m);
    }

    private void onDiscarded(ClientMessage m) throws ProtocolException {
        requiredDuration(m.parameters(), "start");
        Duration discarded = requiredDuration(m.parameters(), "discarded");
        addGap(discarded);
        checkPosition(m);
    }

    private void addGap(Duration discarded) {
        long samples = ProtocolDuration.toSamples(discarded);
        if (samples > 0) {
            flushFrames(false);
            gaps.add(new long[] {received + gap, samples});
            gap += samples;
        }
    }

    private void onUpdate(ClientMessage m) throws ProtocolException {
        JsonNode l = m.parameters().get("language");
        if (l == null || !l.isTextual() || l.asText().isEmpty()) {
            throw new ProtocolException("bad_update", "update.parameters.language must be a non-empty string");
        }
        if (state != State.ACTIVE && state != State.PAUSED) {
            return;
        }
        Optional<String> resolved = resolveLanguage(l.asText());
        if (resolved.isPresent()) {
            boolean changed = !resolved.get().equals(language);
            language = resolved.get();
            if (changed && call != null) {
                long now = clock.millis();
                call.update(event(CallEvent.Type.UPDATED, now, null));
            }
            if (pausedForLanguage) {
                pausedForLanguage = false;
                send("resume", MessageCodec.object());
            }
        } else if (settings.pauseOnUnsupportedLanguage() && !pausedForLanguage && media != null) {
            LOG.info("session {}: update to unsupported language '{}': pausing", callId(), printable(l.asText()));
            pausedForLanguage = true;
            send("pause", MessageCodec.object());
        }
        if (settings.sendUpdated()) {
            send("updated", MessageCodec.object());
        }
    }

    private void onClientError(ClientMessage m) {
        JsonNode code = m.parameters().get("code");
        String message = m.parameters().path("message").asText("");
        counters.increment("client_error." + (code != null && code.canConvertToInt() ? code.asInt() : "unknown"));
        LOG.warn("session {}: client reports error {}: {}", callId(), code, printable(message));
        if (code != null && code.asInt() == 429) {
            Duration retry = ProtocolDuration.parse(m.parameters().path("retryAfter").asText(null))
                    .orElse(Duration.ofSeconds(1));
            eventsBlockedUntil = clock.instant().plus(retry);
        }
    }

    private void onClose(ClientMessage m) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        String reason = m.parameters().path("reason").asText("end");
        closeReason = disconnectInfo == null ? reason : reason + " (server asked: " + disconnectInfo + ")";
        checkPosition(m);
        if (opened && media != null) {
            // a call closed while paused: the pause not yet ended by a resume is part of the call's length
            closedAtPosition = Math.max(received + gap, ProtocolDuration.toSamples(m.position()));
        }
        endCall(closeReason);
        if (settings.closeGrace().isZero() || call == null) {
            sendClosed();
        } else {
            state = State.CLOSING;
            closedDueAt = clock.instant().plus(settings.closeGrace());
        }
    }

    private void sendClosed() {
        send("closed", MessageCodec.object());
        state = State.CLOSED;
        LOG.info("session {} closed ({}): {} s of audio received, {} s on the stream", callId(), closeReason,
                received / (double) ProtocolDuration.SAMPLE_RATE, (received + gap) / (double) ProtocolDuration.SAMPLE_RATE);
    }

    /** Sends {@code closed} now if the session waits after {@code close} for final transcripts. */
    public synchronized void transcriptsComplete() {
        if (state == State.CLOSING) {
            sendClosed();
        }
    }

    // --------------------------------------------------------------------------------------------------- audio

    public synchronized void onBinary(byte[] data) {
        switch (state) {
            case AWAIT_OPEN -> {
                protocolError("audio_before_open", "audio before opened");
                return;
            }
            case PAUSED -> {
                counters.increment("dropped.audio_while_paused");
                LOG.warn("session {}: {} bytes of audio while paused: dropped", callId(), data.length);
                return;
            }
            case CLOSING, CLOSED -> {
                counters.increment("dropped.audio_after_close");
                LOG.warn("session {}: {} bytes of audio after close: dropped", callId(), data.length);
                return;
            }
            case DISCONNECTING -> {
                if (!opened || media == null) {
                    return; // nothing negotiated: the disconnect already said why
                }
            }
            case ACTIVE -> {
            }
        }
        if (media == null) {
            protocolError("audio_without_media", "audio, but no media was selected (opened.media is empty)");
            return;
        }
        if (data.length > settings.maxAudioFrameBytes()) {
            protocolError("too_large", "audio frame of " + data.length + " bytes exceeds " + settings.maxAudioFrameBytes());
            return;
        }
        int sampleFrame = media.bytesPerSampleFrame();
        if (data.length % sampleFrame != 0) {
            protocolError("bad_frame_size", "audio frame of " + data.length + " bytes is not a multiple of "
                    + media.channels() + " channel(s) x " + media.codec().bytesPerSample() + " byte(s)");
            return;
        }
        int samples = data.length / sampleFrame;
        counters.increment("audio.frames");
        if (call == null) {
            received += samples; // a connection probe: counted, not published
            return;
        }
        int bps = media.codec().bytesPerSample();
        boolean swap = media.codec() == AudioCodec.L16 && settings.l16BigEndian();
        long base = received + gap;
        List<AudioFrame> out = new ArrayList<>();
        for (int c = 0; c < buffers.length; c++) {
            TrackBuffer b = buffers[c];
            int i = 0;
            while (i < samples) {
                if (b.fill == 0) {
                    b.startPs = base + i;
                }
                int take = Math.min(samples - i, (b.bytes.length - b.fill) / bps);
                for (int k = 0; k < take; k++) {
                    int src = (i + k) * sampleFrame + c * bps;
                    if (bps == 1) {
                        b.bytes[b.fill++] = data[src];
                    } else if (swap) {
                        b.bytes[b.fill++] = data[src + 1];
                        b.bytes[b.fill++] = data[src];
                    } else {
                        b.bytes[b.fill++] = data[src];
                        b.bytes[b.fill++] = data[src + 1];
                    }
                }
                i += take;
                if (b.fill == b.bytes.length) {
                    out.add(b.emit(false));
                }
            }
        }
        received += samples;
        publish(out);
    }

    private final class TrackBuffer {
        final Track track;
        final byte[] bytes;
        int fill;
        long startPs;
        long seq;

        TrackBuffer(Track track, int capacity) {
            this.track = track;
            this.bytes = new byte[capacity];
        }

        AudioFrame emit(boolean end) {
            long startSample = fill > 0 ? startPs : received + gap;
            byte[] payload = java.util.Arrays.copyOf(bytes, fill);
            fill = 0;
            return new AudioFrame(id.tenant(), callId(), track, seq++, startSample * 1000 / ProtocolDuration.SAMPLE_RATE,
                    media.codec(), ProtocolDuration.SAMPLE_RATE, payload, end);
        }
    }

    private void flushFrames(boolean end) {
        if (call == null || callEnded) {
            return;
        }
        List<AudioFrame> out = new ArrayList<>();
        for (TrackBuffer b : buffers) {
            if (b.fill > 0 || end) {
                out.add(b.emit(end));
            }
        }
        publish(out);
    }

    private void publish(List<AudioFrame> frames) {
        if (!frames.isEmpty()) {
            frames.sort(Comparator.comparingLong(AudioFrame::startMs).thenComparing(AudioFrame::track));
            call.frames(frames);
        }
    }

    private void endCall(String reason) {
        if (call == null || callEnded) {
            return;
        }
        flushFrames(true);
        callEnded = true;
        call.end(event(CallEvent.Type.ENDED, clock.millis(), reason));
        counters.increment("calls.ended");
    }

    private CallEvent event(CallEvent.Type type, long now, String endReason) {
        long streamEnd = Math.max(received + gap, closedAtPosition);
        long durationMs = type == CallEvent.Type.ENDED ? streamEnd * 1000 / ProtocolDuration.SAMPLE_RATE : 0;
        return new CallEvent(started.tenant(), started.callId(), type, started.direction(), started.aniHash(),
                started.dnis(), null, started.campaign(), started.tracks(), started.startedAtMs(), durationMs,
                started.source(), now, conversationId, language, started.customConfig(), endReason);
    }

    // ------------------------------------------------------------------------------------- lifecycle from outside

    /** The WebSocket is gone. Before {@code closed} that is an abrupt end: the call ends with the reason. */
    public synchronized void onSocketClosed(int code, String reason) {
        if (state != State.CLOSED && state != State.CLOSING) {
            counters.increment("sessions.abrupt_end");
            String why = "socket closed without close message (" + code + (reason == null || reason.isEmpty() ? ""
                    : " " + printable(reason)) + ")";
            LOG.warn("session {}: {}; ending the call with the audio received", callId(), why);
            endCall(why);
        } else if (state == State.CLOSING) {
            endCall(closeReason);
        }
        state = State.CLOSED;
    }

    /** The safety timers of §8; the server calls it about once a second. */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (state == State.AWAIT_OPEN && now.isAfter(createdAt.plus(settings.openTimeout()))) {
            counters.increment("timeout.open");
            LOG.warn("session {}: no open within {}: closing the socket", callId(), settings.openTimeout());
            state = State.CLOSED;
            transport.close("no open message");
        } else if (state == State.DISCONNECTING && now.isAfter(disconnectAt.plus(settings.disconnectTimeout()))) {
            counters.increment("timeout.disconnect");
            LOG.warn("session {}: no close within {} of disconnect: closing the socket", callId(),
                    settings.disconnectTimeout());
            endCall("no close after disconnect: " + disconnectInfo);
            state = State.CLOSED;
            transport.close("no close after disconnect");
        } else if (state == State.CLOSING && !now.isBefore(closedDueAt)) {
            sendClosed();
        }
    }

    /** Publishing cannot keep up or Kafka is away: the session is ended from our side, its audio so far kept. */
    public synchronized void publishTrouble(String reason) {
        counters.increment("publish.trouble");
        LOG.warn("session {}: {}", callId(), reason);
        if (state == State.ACTIVE || state == State.PAUSED) {
            disconnect("error", "Callsight cannot publish this call's audio right now; audio received so far is kept");
        }
    }

    /** Asks the client to end the session ({@code completed} when we are done, e.g. draining a server). */
    public synchronized void disconnect(String reason, String info) {
        if (state == State.AWAIT_OPEN || state == State.ACTIVE || state == State.PAUSED) {
            ObjectNode p = MessageCodec.object();
            p.put("reason", reason);
            if (info != null) {
                p.put("info", info);
            }
            disconnectInfo = reason + (info == null ? "" : ": " + info);
            disconnectAt = clock.instant();
            send("disconnect", p);
            state = State.DISCONNECTING;
        }
    }

    // ---------------------------------------------------------------------------------------------- transcripts

    /**
     * Sends one transcript entity in an {@code event} (§9.2, one entity per message). False if the session cannot
     * take it now (not opened, closed, the track is not in the selected media, or the client asked to slow down).
     */
    public synchronized boolean sendTranscript(LiveTranscript t) {
        if (!(state == State.ACTIVE || state == State.PAUSED || state == State.CLOSING) || media == null) {
            counters.increment("transcripts.dropped.state");
            return false;
        }
        int channel = media.tracks().indexOf(t.track());
        if (channel < 0) {
            counters.increment("transcripts.dropped.track");
            return false;
        }
        if (clock.instant().isBefore(eventsBlockedUntil)) {
            counters.increment("transcripts.dropped.rate_limited");
            return false;
        }
        long start = toClientMs(t.startMs());
        long end = Math.max(start, toClientMs(t.endMs()));
        String message = codec.server("event", serverSeq + 1, clientSeq, transcriptEvent(t, channel, start, end, true));
        if (message.length() > MAX_EVENT_CHARS) {
            message = codec.server("event", serverSeq + 1, clientSeq, transcriptEvent(t, channel, start, end, false));
        }
        if (message.length() > MAX_EVENT_CHARS) {
            counters.increment("transcripts.dropped.too_large");
            return false;
        }
        serverSeq++;
        transport.sendText(message);
        counters.increment("transcripts.sent");
        return true;
    }

    private ObjectNode transcriptEvent(LiveTranscript t, int channel, long start, long end, boolean withTokens) {
        ObjectNode data = MessageCodec.object();
        String key = callId() + "/" + t.utteranceKey();
        data.put("id", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        data.put("channelId", channel);
        data.put("isFinal", t.isFinal());
        data.put("offset", ProtocolDuration.formatMs(start));
        data.put("duration", ProtocolDuration.formatMs(end - start));
        ObjectNode alt = data.putArray("alternatives").addObject();
        alt.put("confidence", clamp01(t.confidence()));
        if (language != null) {
            alt.putArray("languages").add(language);
        }
        ObjectNode interpretation = alt.putArray("interpretations").addObject();
        interpretation.put("type", "display");
        interpretation.put("transcript", t.text());
        ArrayNode tokens = interpretation.putArray("tokens");
        long previous = -1;
        for (Word w : withTokens ? t.words() : List.<Word>of()) {
            // §9.2: token offsets distinct, ascending, inside [offset, offset + duration]
            long ws = Math.max(Math.max(start, toClientMs(w.startMs())), previous + 1);
            if (ws > end) {
                break;
            }
            long we = Math.min(end, Math.max(ws, toClientMs(w.endMs())));
            ObjectNode token = tokens.addObject();
            token.put("type", "word");
            token.put("value", w.word());
            token.put("confidence", clamp01(w.confidence()));
            token.put("offset", ProtocolDuration.formatMs(ws));
            token.put("duration", ProtocolDuration.formatMs(we - ws));
            if (language != null) {
                token.put("language", language);
            }
            previous = ws;
        }
        ObjectNode params = MessageCodec.object();
        ObjectNode entity = params.putArray("entities").addObject();
        entity.put("type", "transcript");
        entity.set("data", data);
        return params;
    }

    /** A call time (stream position, ms) on the client's transcript time line: received audio unless configured. */
    long toClientMs(long streamMs) {
        if (settings.transcriptsOnStreamTime()) {
            return Math.max(0, streamMs);
        }
        long streamSamples = Math.max(0, streamMs) * ProtocolDuration.SAMPLE_RATE / 1000;
        long before = 0;
        for (long[] g : gaps) {
            if (g[0] >= streamSamples) {
                break;
            }
            before += Math.min(g[1], streamSamples - g[0]);
        }
        return (streamSamples - before) * 1000 / ProtocolDuration.SAMPLE_RATE;
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private void send(String type, ObjectNode params) {
        serverSeq++;
        transport.sendText(codec.server(type, serverSeq, clientSeq, params));
    }

    private void protocolError(String kind, String info) {
        counters.increment("protocol_error." + kind);
        if (state == State.DISCONNECTING || state == State.CLOSING || state == State.CLOSED) {
            LOG.warn("session {}: protocol error after disconnect/close ({}): {}", callId(), kind, info);
            return;
        }
        LOG.warn("session {} (tenant {}, correlation {}): protocol error {}: {}; disconnecting", callId(), id.tenant(),
                printable(id.correlationId()), kind, info);
        disconnect("error", info);
    }

    private void checkPosition(ClientMessage m) {
        if (!opened || media == null) {
            return;
        }
        long reported = ProtocolDuration.toSamples(m.position());
        long drift = Math.abs(reported - (received + gap));
        if (drift > ProtocolDuration.SAMPLE_RATE / 5) { // one 200 ms client frame
            counters.increment("position.drift");
            LOG.debug("session {}: client position {} vs {} here", callId(), m.position(),
                    ProtocolDuration.formatSamples(received + gap));
        }
    }

    private static UUID requiredUuid(ObjectNode p, String name) throws ProtocolException {
        JsonNode v = p.get(name);
        Optional<UUID> u = v != null && v.isTextual() ? MessageCodec.uuid(v.asText()) : Optional.empty();
        return u.orElseThrow(() -> new ProtocolException("bad_open", "open.parameters." + name + " must be a UUID"));
    }

    private static String optionalString(JsonNode p, String name, String label) throws ProtocolException {
        JsonNode v = p.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ProtocolException("bad_parameters", label + " must be a string");
        }
        return v.asText();
    }

    private static Duration requiredDuration(ObjectNode p, String name) throws ProtocolException {
        JsonNode v = p.get(name);
        return (v != null && v.isTextual() ? ProtocolDuration.parse(v.asText()) : Optional.<Duration>empty())
                .orElseThrow(() -> new ProtocolException("bad_parameters", name + " must be a duration such as PT1.5S"));
    }

    /** Client-supplied text for a log line: bounded, no control characters (no log forging). */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
