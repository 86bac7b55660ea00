package io.callsight.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.JsonCodec;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.audiohook.AudioHookSession;
import io.callsight.ingest.audiohook.CallOutput;
import io.callsight.ingest.audiohook.ProtocolCounters;
import io.callsight.ingest.audiohook.SessionIdentity;
import io.callsight.ingest.audiohook.SessionSettings;
import io.callsight.ingest.audiohook.SessionTransport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** Dispatch without Kafka: real sessions on fake sockets, records as calls.transcripts holds them. */
class TranscriptConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonCodec<Utterance> CODEC = JsonCodec.of(Utterance.class);

    private final ProtocolCounters counters = new ProtocolCounters();
    private final LiveSessions sessions = new LiveSessions();
    private final LiveCallStreams streams = new LiveCallStreams(1 << 20, counters);
    private final TranscriptConnector connector = new TranscriptConnector(sessions, streams, counters);

    /** An opened session of a tenant; what it sends to its client lands in {@code sent}. */
    private static final class OpenSession {
        final UUID id = UUID.randomUUID();
        final UUID org = UUID.randomUUID();
        final List<JsonNode> sent = new ArrayList<>();
        final AudioHookSession session;

        OpenSession(String tenant) {
            SessionTransport transport = new SessionTransport() {
                @Override
                public void sendText(String message) {
                    try {
                        sent.add(JSON.readTree(message));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }

                @Override
                public void close(String reason) {
                }
            };
            CallOutput output = (started, trouble) -> new CallOutput.LiveCall() {
                @Override
                public void frames(List<AudioFrame> frames) {
                }

                @Override
                public void update(CallEvent updated) {
                }

                @Override
                public void end(CallEvent ended) {
                }
            };
            session = new AudioHookSession(new SessionIdentity(tenant, "k1", id, org, UUID.randomUUID().toString(),
                    List.of("en-US"), tenant), SessionSettings.DEFAULTS, transport, output, new ProtocolCounters(),
                    Clock.systemUTC());
            session.onText("{\"version\":\"2\",\"id\":\"" + id + "\",\"type\":\"open\",\"seq\":1,\"serverseq\":0,"
                    + "\"position\":\"PT0S\",\"parameters\":{\"organizationId\":\"" + org + "\",\"conversationId\":\""
                    + UUID.randomUUID() + "\",\"participant\":{\"id\":\"" + UUID.randomUUID() + "\",\"ani\":\"+1555\","
                    + "\"aniName\":\"\",\"dnis\":\"+1800\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                    + "\"channels\":[\"external\",\"internal\"],\"rate\":8000}],\"language\":\"en-US\"}}");
            assertEquals("opened", sent.get(0).get("type").asText());
        }

        String callId() {
            return id.toString();
        }

        List<JsonNode> events() {
            return sent.stream().filter(m -> m.get("type").asText().equals("event")).toList();
        }
    }

    private static Utterance utterance(String tenant, String callId, int idx, String text, boolean isFinal) {
        return new Utterance(tenant, callId, Track.CUSTOMER, idx, 1_000L * idx, 1_000L * idx + 800, text, text,
                List.of(new Word(text, 1_000L * idx, 1_000L * idx + 800, 0.9)), 0.9, isFinal);
    }

    @Test
    void onlyTheSessionsHeldHereGetTheirCallsTranscripts() {
        OpenSession mine = new OpenSession("acme");
        OpenSession other = new OpenSession("acme");
        sessions.register(mine.session);
        sessions.register(other.session);

        connector.dispatch(mine.callId(), CODEC.encode(utterance("acme", mine.callId(), 0, "hello", true)));
        connector.dispatch("elsewhere", CODEC.encode(utterance("acme", UUID.randomUUID().toString(), 0, "not here", true)));

        assertEquals(1, mine.events().size());
        assertEquals("hello", mine.events().get(0).at("/parameters/entities/0/data/alternatives/0/interpretations/0"
                + "/transcript").asText());
        assertTrue(other.events().isEmpty(), "a session gets its own call's results only");
        assertEquals(2, counters.get("transcripts.received"));
        assertEquals(1, counters.get("transcripts.to_session"), "a call of another instance is simply not found");
    }

    @Test
    void aSessionOfAnotherTenantUnderTheSameCallIdGetsNothing() {
        OpenSession foreign = new OpenSession("globex");
        sessions.register(foreign.session);
        connector.dispatch(foreign.callId(), CODEC.encode(utterance("acme", foreign.callId(), 0, "card 4111", true)));
        assertTrue(foreign.events().isEmpty(), "session ids are the client's choice: the tenant must match too");
        assertEquals(0, counters.get("transcripts.to_session"));
    }

    @Test
    void aBadRecordIsCountedAndSkippedAndTheNextOneStillArrives() {
        OpenSession mine = new OpenSession("acme");
        sessions.register(mine.session);
        connector.dispatch(mine.callId(), "{not json".getBytes(StandardCharsets.UTF_8));
        connector.dispatch(mine.callId(), null);
        connector.dispatch(mine.callId(), "{\"tenant\":\"acme\"}".getBytes(StandardCharsets.UTF_8)); // no callId
        connector.dispatch(mine.callId(), CODEC.encode(utterance("acme", mine.callId(), 0, "still here", true)));

        assertEquals(3, counters.get("transcripts.malformed"), counters.snapshot().toString());
        assertEquals(4, counters.get("transcripts.received"));
        assertEquals(1, mine.events().size());
    }

    @Test
    void partialsAndFinalsAreNamedByIsFinal() {
        Utterance partial = utterance("acme", "c1", 3, "hel", false);
        Utterance fin = utterance("acme", "c1", 3, "hello\nthere", true);
        assertEquals("partial", LiveCallStreams.eventName(partial));
        assertEquals("final", LiveCallStreams.eventName(fin));
        String event = LiveCallStreams.sseEvent(fin);
        assertTrue(event.startsWith("event: final\nid: c1/CUSTOMER/3\ndata: {"), event);
        assertTrue(event.endsWith("}\n\n"), event);
        assertEquals(4, event.split("\n", -1).length - 1, "one data line: a line break in the text is escaped");
    }

    @Test
    void consumerReadsCommittedFromTheLatestOffsetInItsOwnGroup() {
        UUID instance = UUID.randomUUID();
        Properties p = TranscriptConnector.consumerProperties("127.0.0.1:1", instance);
        assertEquals("callsight-ingest-" + instance, p.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("latest", p.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG));
        assertEquals("read_committed", p.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertFalse(Boolean.parseBoolean((String) p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)));
    }
}
