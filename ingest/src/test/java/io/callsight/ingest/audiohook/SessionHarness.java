package io.callsight.ingest.audiohook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** A session wired to in-memory fakes: a client that numbers its messages, the server's output, the call's records. */
final class SessionHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID SESSION = UUID.fromString("6a1f3c2e-9b4d-4e7a-8c15-2d9e0f7b3a61");
    static final UUID ORG = UUID.fromString("0e5d2c8b-7f41-4a96-b3d2-5c8e1a9f6b07");
    static final String CONVERSATION = "c41b7e92-3d58-4f0a-9e6c-7a2b8d1f5e34";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    final List<JsonNode> sent = new ArrayList<>();
    final List<String> socketClosed = new ArrayList<>();
    final List<CallEvent> events = new ArrayList<>();
    final List<AudioFrame> frames = new ArrayList<>();
    final ProtocolCounters counters = new ProtocolCounters();
    Consumer<String> trouble;
    final AudioHookSession session;
    long seq;
    long lastServerSeq;

    /** 100 ms frames: the position tests count frames at that size. */
    SessionHarness() {
        this(SessionSettings.DEFAULTS.withFrameMs(100));
    }

    SessionHarness(SessionSettings settings) {
        SessionIdentity identity = new SessionIdentity("acme", "k1", SESSION, ORG, "e160e428-53e2-487c-977d-96989bf5c99d",
                List.of("en-US", "zh-CN"), "acme-salt");
        SessionTransport transport = new SessionTransport() {
            @Override
            public void sendText(String message) {
                try {
                    JsonNode m = JSON.readTree(message);
                    sent.add(m);
                    lastServerSeq = m.get("seq").asLong();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void close(String reason) {
                socketClosed.add(reason);
            }
        };
        CallOutput output = (started, onTrouble) -> {
            events.add(started);
            trouble = onTrouble;
            return new CallOutput.LiveCall() {
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
            };
        };
        session = new AudioHookSession(identity, settings, transport, output, counters, clock);
    }

    ObjectNode message(String type, String position, ObjectNode parameters) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", "2");
        m.put("id", SESSION.toString());
        m.put("type", type);
        m.put("seq", ++seq);
        m.put("serverseq", lastServerSeq);
        m.put("position", position);
        m.set("parameters", parameters == null ? JSON.createObjectNode() : parameters);
        return m;
    }

    JsonNode send(String type, String position, ObjectNode parameters) {
        int before = sent.size();
        session.onText(message(type, position, parameters).toString());
        return sent.size() > before ? sent.get(sent.size() - 1) : null;
    }

    static ObjectNode params(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ObjectNode openParams(String media, String extra) {
        return params("{\"organizationId\":\"" + ORG + "\",\"conversationId\":\"" + CONVERSATION + "\","
                + "\"participant\":{\"id\":\"58d3a1f6-2e9c-4b7d-a045-9f1c6e3b8d22\",\"ani\":\"+15550142\","
                + "\"aniName\":\"Ada Customer\",\"dnis\":\"+18005550199\"},\"media\":" + media
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    static final String STEREO_PCMU = "{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}";
    static final String MONO_EXTERNAL = "{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\"],\"rate\":8000}";

    JsonNode open() {
        return send("open", "PT0S", openParams("[" + STEREO_PCMU + "," + MONO_EXTERNAL + "]",
                "\"language\":\"en-US\",\"customConfig\":{\"campaign\":\"retention\"}"));
    }

    /** Stereo PCMU: {@code samples} sample frames, external bytes = ext, internal = inter. */
    static byte[] stereo(int samples, int ext, int inter) {
        byte[] b = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            b[2 * i] = (byte) ext;
            b[2 * i + 1] = (byte) inter;
        }
        return b;
    }

    JsonNode last() {
        return sent.get(sent.size() - 1);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
