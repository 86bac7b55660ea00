package io.callsight.ingest.audiohook;

import static io.callsight.ingest.audiohook.SessionHarness.MONO_EXTERNAL;
import static io.callsight.ingest.audiohook.SessionHarness.STEREO_PCMU;
import static io.callsight.ingest.audiohook.SessionHarness.openParams;
import static io.callsight.ingest.audiohook.SessionHarness.params;
import static io.callsight.ingest.audiohook.SessionHarness.stereo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.events.Word;
import io.callsight.ingest.CallerIds;
import io.callsight.ingest.audiohook.AudioHookSession.State;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AudioHookSessionTest {
    private final SessionHarness h = new SessionHarness();

    private static void assertEnvelope(JsonNode m, String type, long seq, long clientseq) {
        assertEquals("2", m.get("version").asText(), m.toString());
        assertEquals(SessionHarness.SESSION.toString(), m.get("id").asText());
        assertEquals(type, m.get("type").asText(), m.toString());
        assertEquals(seq, m.get("seq").asLong(), m.toString());
        assertEquals(clientseq, m.get("clientseq").asLong(), m.toString());
        assertTrue(m.get("parameters").isObject(), m.toString());
        assertNull(m.get("position"), "server messages carry no position");
    }

    private void assertDisconnect(String reason, String infoContains) {
        JsonNode m = h.last();
        assertEquals("disconnect", m.get("type").asText(), m.toString());
        assertEquals(reason, m.at("/parameters/reason").asText(), m.toString());
        assertTrue(m.at("/parameters/info").asText().contains(infoContains), m.toString());
        assertEquals(State.DISCONNECTING, h.session.state());
    }

    // ------------------------------------------------------------------------------------------------ open

    @Test
    void openIsAnsweredWithTheStereoOfferUnchangedAndTheCallStarts() throws Exception {
        JsonNode opened = h.send("open", "PT0S", openParams("[" + MONO_EXTERNAL + "," + STEREO_PCMU + "]",
                "\"language\":\"en-us\",\"supportedLanguages\":true,\"customConfig\":{\"campaign\":\"retention\",\"n\":3}"));
        assertEnvelope(opened, "opened", 1, 1);
        assertEquals(SessionHarness.JSON.readTree("[" + STEREO_PCMU + "]"), opened.at("/parameters/media"));
        assertFalse(opened.at("/parameters/startPaused").asBoolean(true));
        assertEquals(SessionHarness.JSON.readTree("[\"en-US\",\"zh-CN\"]"), opened.at("/parameters/supportedLanguages"));
        assertEquals(State.ACTIVE, h.session.state());

        CallEvent started = h.events.get(0);
        assertEquals(CallEvent.Type.STARTED, started.type());
        assertEquals("acme", started.tenant());
        assertEquals(SessionHarness.SESSION.toString(), started.callId());
        assertEquals(SessionHarness.CONVERSATION, started.conversationId());
        assertEquals(CallerIds.hash("acme-salt", "+15550142"), started.aniHash());
        assertEquals("+18005550199", started.dnis());
        assertEquals("en-US", started.language());
        assertEquals("retention", started.customConfig().get("campaign"));
        assertEquals(3, started.customConfig().get("n"));
        assertEquals("retention", started.campaign());
        assertEquals(List.of(Track.CUSTOMER, Track.AGENT), started.tracks());
        assertEquals("audiohook", started.source());
    }

    @Test
    void anInvertedOfferIsEchoedAsItCameAndItsFirstChannelIsTheAgent() throws Exception {
        String inverted = "{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"internal\",\"external\"],\"rate\":8000}";
        JsonNode opened = h.send("open", "PT0S", openParams("[" + inverted + "]", ""));
        assertEquals(SessionHarness.JSON.readTree("[" + inverted + "]"), opened.at("/parameters/media"));
        h.session.onBinary(stereo(800, 0x11, 0x22));
        AudioFrame agent = h.frames.stream().filter(f -> f.track() == Track.AGENT).findFirst().orElseThrow();
        AudioFrame customer = h.frames.stream().filter(f -> f.track() == Track.CUSTOMER).findFirst().orElseThrow();
        assertEquals(0x11, agent.payload()[0], "channel 0 is internal here");
        assertEquals(0x22, customer.payload()[0]);
        assertEquals(List.of(Track.AGENT, Track.CUSTOMER), h.events.get(0).tracks());
    }

    @Test
    void supportedLanguagesOnlyWhenAskedFor() {
        JsonNode opened = h.open();
        assertTrue(opened.at("/parameters/supportedLanguages").isMissingNode(), opened.toString());
    }

    @Test
    void aMonoOfferIsTakenWhenThereIsNoStereoOneAndUnknownOffersAreIgnored() throws Exception {
        String unknown = "{\"type\":\"audio\",\"format\":\"OPUS\",\"channels\":[\"external\",\"internal\"],\"rate\":48000}";
        String l16 = "{\"type\":\"audio\",\"format\":\"L16\",\"channels\":[\"internal\"],\"rate\":8000}";
        JsonNode opened = h.send("open", "PT0S", openParams("[" + unknown + "," + l16 + "," + MONO_EXTERNAL + "]", ""));
        assertEquals(SessionHarness.JSON.readTree("[" + l16 + "]"), opened.at("/parameters/media"));
        assertEquals(List.of(Track.AGENT), h.events.get(0).tracks());
        // L16 little-endian, one channel: 800 samples = 100 ms per frame
        byte[] audio = new byte[3200];
        for (int i = 0; i < 1600; i++) {
            audio[2 * i] = (byte) i;
            audio[2 * i + 1] = (byte) (i >> 8);
        }
        h.session.onBinary(audio);
        assertEquals(2, h.frames.size());
        assertEquals(AudioCodec.L16, h.frames.get(0).codec());
        assertEquals(1600, h.frames.get(0).payload().length);
        assertEquals(100, h.frames.get(1).startMs());
        assertEquals((byte) 800, h.frames.get(1).payload()[0]);
    }

    @Test
    void monoRefusedWhenNotAllowed() {
        SessionHarness strict = new SessionHarness(SessionSettings.DEFAULTS.withFrameMs(100).withAcceptMono(false));
        strict.send("open", "PT0S", openParams("[" + MONO_EXTERNAL + "]", ""));
        JsonNode m = strict.last();
        assertEquals("disconnect", m.get("type").asText());
        assertEquals("error", m.at("/parameters/reason").asText());
        assertTrue(strict.events.isEmpty());
    }

    @Test
    void nothingAcceptableIsADisconnectButAProbeIsOpenedWithoutMedia() {
        String opus = "{\"type\":\"audio\",\"format\":\"OPUS\",\"channels\":[\"external\"],\"rate\":8000}";
        h.send("open", "PT0S", openParams("[" + opus + "]", ""));
        assertDisconnect("error", "no acceptable media offer");
        assertEquals(1, h.counters.get("rejected.no_media"));

        SessionHarness probe = new SessionHarness();
        String nil = "00000000-0000-0000-0000-000000000000";
        JsonNode opened = probe.send("open", "PT0S", params(openParams("[" + opus + "]", "\"supportedLanguages\":true")
                .put("conversationId", nil).toString()));
        assertEquals("opened", opened.get("type").asText());
        assertEquals(0, opened.at("/parameters/media").size());
        assertEquals(2, opened.at("/parameters/supportedLanguages").size());
        assertTrue(probe.events.isEmpty(), "a probe is no call");
        assertEquals("closed", probe.send("close", "PT0S", params("{\"reason\":\"end\"}")).get("type").asText());
        assertTrue(probe.events.isEmpty());
    }

    @Test
    void aStereoProbePublishesNothing() {
        h.send("open", "PT0S", params(openParams("[" + STEREO_PCMU + "]", "")
                .put("conversationId", "00000000-0000-0000-0000-000000000000").toString()));
        h.session.onBinary(stereo(1600, 1, 2));
        h.send("close", "PT0.2S", params("{\"reason\":\"end\"}"));
        assertTrue(h.events.isEmpty() && h.frames.isEmpty());
    }

    @Test
    void anOrganizationOtherThanTheHeadersIsUnauthorized() {
        h.send("open", "PT0S", params(openParams("[" + STEREO_PCMU + "]", "")
                .put("organizationId", UUID.randomUUID().toString()).toString()));
        assertDisconnect("unauthorized", "organization mismatch");
        assertEquals(1, h.last().get("seq").asLong());
        assertTrue(h.events.isEmpty());
        JsonNode closed = h.send("close", "PT0S", params("{\"reason\":\"disconnect\"}"));
        assertEnvelope(closed, "closed", 2, 2);
    }

    @Test
    void anUnsupportedLanguageOpensPausedAndASupportedUpdateResumes() {
        JsonNode opened = h.send("open", "PT0S", openParams("[" + STEREO_PCMU + "]", "\"language\":\"fr-CA\""));
        assertTrue(opened.at("/parameters/startPaused").asBoolean());
        h.send("paused", "PT0S", null);
        assertEquals(State.PAUSED, h.session.state());
        JsonNode resume = h.send("update", "PT0S", params("{\"language\":\"zh-cn\"}"));
        assertEnvelope(resume, "resume", 2, 3);
        CallEvent updated = h.events.get(h.events.size() - 1);
        assertEquals(CallEvent.Type.UPDATED, updated.type());
        assertEquals("zh-CN", updated.language());
        JsonNode none = h.send("resumed", "PT3S", params("{\"start\":\"PT0S\",\"discarded\":\"PT3S\"}"));
        assertNull(none);
        assertEquals(State.ACTIVE, h.session.state());
    }

    @Test
    void aMissingLanguageTakesTheTenantsFirst() {
        JsonNode opened = h.send("open", "PT0S", openParams("[" + STEREO_PCMU + "]", ""));
        assertFalse(opened.at("/parameters/startPaused").asBoolean());
        assertEquals("en-US", h.events.get(0).language());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"organizationId\":\"nope\"", "\"conversationId\":42", "\"participant\":\"x\"",
            "\"media\":{}", "\"supportedLanguages\":\"yes\"", "\"customConfig\":[1]", "\"language\":5"})
    void invalidOpenParametersAreAProtocolError(String bad) {
        String key = bad.substring(1, bad.indexOf('"', 1));
        com.fasterxml.jackson.databind.node.ObjectNode p = openParams("[" + STEREO_PCMU + "]", "");
        p.set(key, params("{" + bad + "}").get(key));
        h.send("open", "PT0S", p);
        assertDisconnect("error", key);
        assertTrue(h.events.isEmpty());
    }

    @Test
    void aSecondOpenIsIgnored() {
        h.open();
        int sent = h.sent.size();
        h.open();
        assertEquals(sent, h.sent.size());
        assertEquals(1, h.events.size());
    }

    // ------------------------------------------------------------------------------------------------ ping

    @Test
    void pingIsAnsweredWithPongCarryingItsSeqInAnyStateUpToClosed() {
        assertEnvelope(h.send("ping", "PT0S", null), "pong", 1, 1);
        h.open();
        assertEnvelope(h.send("ping", "PT1.2S", null), "pong", 3, 3);
        assertEnvelope(h.send("ping", "PT1.2S", params("{\"rtt\":\"PT0.038S\"}")), "pong", 4, 4);
        h.send("paused", "PT1.2S", null);
        assertEnvelope(h.send("ping", "PT1.2S", null), "pong", 5, 6);
    }

    // ------------------------------------------------------------------------------------------------ audio

    @Test
    void stereoAudioIsDeinterleavedIntoHundredMillisecondFramesPerTrack() {
        h.open();
        h.session.onBinary(stereo(1600, 0x7f, 0xff)); // 200 ms, what Genesys sends
        h.session.onBinary(stereo(400, 0x7f, 0xff)); // 50 ms more: half a frame waits
        assertEquals(4, h.frames.size());
        assertEquals(List.of(0L, 0L, 100L, 100L), h.frames.stream().map(AudioFrame::startMs).toList());
        assertEquals(List.of(Track.CUSTOMER, Track.AGENT, Track.CUSTOMER, Track.AGENT),
                h.frames.stream().map(AudioFrame::track).toList());
        AudioFrame customer = h.frames.get(0);
        assertEquals(800, customer.payload().length);
        assertEquals((byte) 0x7f, customer.payload()[0]);
        assertEquals((byte) 0xff, h.frames.get(1).payload()[799]);
        assertEquals(1, h.frames.get(2).seq());
        assertFalse(customer.endOfTrack());

        h.send("close", "PT0.25S", params("{\"reason\":\"end\"}"));
        assertEquals(6, h.frames.size());
        AudioFrame last = h.frames.get(4);
        assertEquals(200, last.startMs());
        assertEquals(400, last.payload().length);
        assertTrue(last.endOfTrack() && h.frames.get(5).endOfTrack());
        CallEvent ended = h.events.get(1);
        assertEquals(CallEvent.Type.ENDED, ended.type());
        assertEquals(250, ended.durationMs());
        assertEquals("end", ended.endReason());
        assertEquals(SessionHarness.CONVERSATION, ended.conversationId());
    }

    @Test
    void bigEndianL16IsStoredLittleEndianWhenConfigured() {
        SessionSettings be = new SessionSettings(100, true, false, true, false, true, false, 65536, 65535,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO);
        SessionHarness b = new SessionHarness(be);
        b.send("open", "PT0S", openParams("[{\"type\":\"audio\",\"format\":\"L16\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}]", ""));
        byte[] audio = new byte[800 * 4];
        for (int i = 0; i < 800; i++) {
            audio[4 * i] = 0x01; // external, big-endian 0x0102
            audio[4 * i + 1] = 0x02;
            audio[4 * i + 2] = 0x03; // internal 0x0304
            audio[4 * i + 3] = 0x04;
        }
        b.session.onBinary(audio);
        assertArrayEquals(new byte[] {0x02, 0x01}, java.util.Arrays.copyOf(b.frames.get(0).payload(), 2));
        assertArrayEquals(new byte[] {0x04, 0x03}, java.util.Arrays.copyOf(b.frames.get(1).payload(), 2));
    }

    @Test
    void aCallClosedWhilePausedLastsUntilTheClosePosition() {
        h.open();
        h.session.onBinary(stereo(800, 1, 2)); // 100 ms
        h.send("paused", "PT0.1S", null);
        h.send("close", "PT5.1S", params("{\"reason\":\"end\"}"));
        assertEquals(5_100, h.events.get(1).durationMs(), "the 5 s pause that no resume ended is part of the call");
    }

    @Test
    void pauseAndDiscardMovePositionsAlongTheStream() {
        h.open();
        h.session.onBinary(stereo(1200, 1, 2)); // 150 ms: one frame + 50 ms pending
        h.send("paused", "PT0.15S", null); // pending 50 ms flushed at the pause
        assertEquals(State.PAUSED, h.session.state());
        h.session.onBinary(stereo(800, 9, 9)); // client bug: audio while paused
        assertEquals(1, h.counters.get("dropped.audio_while_paused"));
        h.send("resumed", "PT10.15S", params("{\"start\":\"PT0.15S\",\"discarded\":\"PT10S\"}"));
        h.session.onBinary(stereo(800, 3, 4));
        h.send("discarded", "PT10.35S", params("{\"start\":\"PT10.25S\",\"discarded\":\"PT0.1S\"}"));
        h.session.onBinary(stereo(800, 5, 6));
        List<Long> customerStarts = h.frames.stream().filter(f -> f.track() == Track.CUSTOMER).map(AudioFrame::startMs)
                .toList();
        assertEquals(List.of(0L, 100L, 10_150L, 10_350L), customerStarts);
        assertEquals(400, h.frames.get(2).payload().length, "the 50 ms before the pause");
        assertTrue(h.frames.stream().noneMatch(f -> f.payload().length > 0 && f.payload()[0] == 9));
        h.send("close", "PT10.45S", params("{\"reason\":\"end\"}"));
        assertEquals(10_450, h.events.get(1).durationMs());
    }

    @Test
    void aServerPauseOnAnUnsupportedUpdateAndUpdatedOnlyWhenConfigured() {
        h.open();
        JsonNode pause = h.send("update", "PT1S", params("{\"language\":\"de-DE\"}"));
        assertEnvelope(pause, "pause", 2, 2);
        assertEquals(1, h.events.size(), "no UPDATED for a language we cannot use");

        SessionHarness u = new SessionHarness(SessionSettings.DEFAULTS.withFrameMs(100).withSendUpdated(true));
        u.open();
        assertEnvelope(u.send("update", "PT40S", params("{\"language\":\"zh-CN\"}")), "updated", 2, 2);
        assertEquals("zh-CN", u.events.get(1).language());
        assertEquals(CallEvent.Type.UPDATED, u.events.get(1).type());
    }

    @Test
    void closeIsAnsweredWithClosedAndAudioAfterItIsDroppedWithoutADisconnect() {
        h.open();
        JsonNode closed = h.send("close", "PT0S", params("{\"reason\":\"end\"}"));
        assertEnvelope(closed, "closed", 2, 2);
        assertEquals(State.CLOSED, h.session.state());
        int sent = h.sent.size();
        h.session.onBinary(stereo(800, 1, 1));
        h.send("close", "PT0S", params("{\"reason\":\"end\"}"));
        assertEquals(sent, h.sent.size());
        assertEquals(1, h.counters.get("dropped.audio_after_close"));
        assertEquals(2, h.events.size());
        // the empty end-of-track frames still go out so the speech job releases the tracks
        assertEquals(2, h.frames.size());
        assertTrue(h.frames.stream().allMatch(f -> f.endOfTrack() && f.payload().length == 0));
    }

    @Test
    void unknownMessageTypesAreIgnoredButTheirSeqCounts() {
        h.open();
        assertNull(h.send("futuristic", "PT0S", null));
        assertEquals(State.ACTIVE, h.session.state());
        assertEnvelope(h.send("ping", "PT0S", null), "pong", 2, 3);
    }

    @Test
    void aClientErrorIsLoggedAnd429HoldsTranscriptsBack() {
        h.open();
        assertNull(h.send("error", "PT0S", params("{\"code\":429,\"message\":\"slow down\",\"retryAfter\":\"PT2S\"}")));
        assertEquals(1, h.counters.get("client_error.429"));
        assertFalse(h.session.sendTranscript(transcript(true, 0, 500)));
        h.clock.advance(Duration.ofSeconds(3));
        assertTrue(h.session.sendTranscript(transcript(true, 0, 500)));
    }

    // ------------------------------------------------------------------------------------------ rejections

    @Test
    void badJsonIsAProtocolErrorAndTheCloseThatFollowsStillGetsClosed() {
        h.open();
        h.session.onText("{not json");
        assertDisconnect("error", "not valid JSON");
        assertEquals(1, h.counters.get("protocol_error.bad_json"));
        h.session.onText("{still not json"); // suppressed once disconnecting
        assertEquals(2, h.last().get("seq").asLong());
        assertEquals("closed", h.send("close", "PT0S", params("{\"reason\":\"disconnect\"}")).get("type").asText());
        CallEvent ended = h.events.get(1);
        assertTrue(ended.endReason().startsWith("disconnect (server asked: error: "), ended.endReason());
    }

    @Test
    void envelopeViolations() {
        String[][] cases = {
                {"{\"version\":\"1\"}", "bad_version"},
                {"{\"id\":\"" + UUID.randomUUID() + "\"}", "wrong_id"},
                {"{\"type\":7}", "bad_type"},
                {"{\"seq\":0}", "bad_seq"},
                {"{\"seq\":1.5}", "bad_seq"},
                {"{\"serverseq\":-1}", "bad_serverseq"},
                {"{\"position\":\"PT1M5S\"}", "bad_position"},
                {"{\"parameters\":[]}", "bad_parameters"},
        };
        for (String[] c : cases) {
            SessionHarness s = new SessionHarness();
            s.open();
            com.fasterxml.jackson.databind.node.ObjectNode m = s.message("ping", "PT0S", null);
            m.setAll(params(c[0]));
            s.session.onText(m.toString());
            assertEquals("disconnect", s.last().get("type").asText(), c[0]);
            assertEquals(1, s.counters.get("protocol_error." + c[1]), c[0] + " " + s.counters.snapshot());
        }
        SessionHarness dup = new SessionHarness();
        dup.session.onText("{\"version\":\"2\",\"version\":\"2\"}");
        assertEquals(1, dup.counters.get("protocol_error.bad_json"), "duplicate keys");
        SessionHarness noParams = new SessionHarness();
        com.fasterxml.jackson.databind.node.ObjectNode m = noParams.message("ping", "PT0S", null);
        m.remove("parameters");
        noParams.session.onText(m.toString());
        assertEquals(1, noParams.counters.get("protocol_error.bad_parameters"));
    }

    @Test
    void aWrongSeqOrAServerseqNotYetSentIsAProtocolError() {
        h.open();
        h.seq++; // skips one
        h.send("ping", "PT0S", null);
        assertDisconnect("error", "seq 3 after 1");
        SessionHarness s = new SessionHarness();
        s.open();
        s.lastServerSeq = 5;
        s.send("ping", "PT0S", null);
        assertEquals(1, s.counters.get("protocol_error.wrong_serverseq"));
        assertEquals(1, s.last().get("clientseq").asLong(), "the refused message was not processed");
    }

    @Test
    void audioBeforeOpenedIsAProtocolError() {
        h.session.onBinary(stereo(10, 1, 1));
        assertDisconnect("error", "audio before opened");
        assertEquals(0, h.last().get("clientseq").asLong(), "no client message processed yet");
    }

    @Test
    void messagesOtherThanPingOrCloseBeforeOpenAreAProtocolError() {
        h.send("paused", "PT0S", null);
        assertDisconnect("error", "paused before open");
    }

    @Test
    void aFrameNotAWholeNumberOfSampleFramesIsAProtocolError() {
        h.open();
        h.session.onBinary(new byte[801]);
        assertDisconnect("error", "not a multiple of 2 channel(s) x 1 byte(s)");
        assertTrue(h.frames.isEmpty());
    }

    @Test
    void oversizedFramesAndMessagesAreProtocolErrors() {
        h.open();
        h.session.onBinary(new byte[64 * 1024 + 2]);
        assertDisconnect("error", "exceeds");
        SessionHarness t = new SessionHarness();
        t.open();
        t.session.onText("{\"x\":\"" + "a".repeat(70_000) + "\"}");
        assertEquals(1, t.counters.get("protocol_error.too_large"));
    }

    @Test
    void invalidParametersOfKnownMessages() {
        h.open();
        h.send("resumed", "PT0S", params("{\"start\":\"PT0S\"}"));
        assertDisconnect("error", "discarded must be a duration");
        SessionHarness u = new SessionHarness();
        u.open();
        u.send("update", "PT0S", params("{}"));
        assertEquals(1, u.counters.get("protocol_error.bad_update"));
    }

    @Test
    void audioAfterADisconnectIsStillKeptUntilTheClientCloses() {
        h.open();
        h.session.publishTrouble("backlog full");
        assertDisconnect("error", "audio received so far is kept");
        h.session.onBinary(stereo(800, 1, 2));
        assertEquals(2, h.frames.size());
    }

    // ------------------------------------------------------------------------------------ abrupt ends, timers

    @Test
    void anAbruptDisconnectEndsTheCallWithAReasonAndKeepsItsAudio() {
        h.open();
        h.session.onBinary(stereo(1200, 1, 2));
        h.session.onSocketClosed(1006, "");
        assertEquals(4, h.frames.size());
        assertTrue(h.frames.get(2).endOfTrack() && h.frames.get(3).endOfTrack());
        assertEquals(400, h.frames.get(2).payload().length);
        CallEvent ended = h.events.get(1);
        assertEquals(CallEvent.Type.ENDED, ended.type());
        assertTrue(ended.endReason().contains("socket closed without close message (1006)"), ended.endReason());
        assertEquals(150, ended.durationMs());
        assertEquals(State.CLOSED, h.session.state());
        h.session.onSocketClosed(1006, "");
        assertEquals(2, h.events.size(), "ended once");
    }

    @Test
    void noOpenWithinTheTimeoutClosesTheSocket() {
        h.clock.advance(Duration.ofSeconds(9));
        h.session.tick();
        assertTrue(h.socketClosed.isEmpty());
        h.clock.advance(Duration.ofSeconds(2));
        h.session.tick();
        assertEquals(List.of("no open message"), h.socketClosed);
    }

    @Test
    void noCloseAfterADisconnectClosesTheSocketAndEndsTheCall() {
        h.open();
        h.session.disconnect("completed", null);
        assertEquals("completed", h.last().at("/parameters/reason").asText());
        assertTrue(h.last().at("/parameters/info").isMissingNode());
        h.clock.advance(Duration.ofSeconds(11));
        h.session.tick();
        assertEquals(1, h.socketClosed.size());
        assertEquals(CallEvent.Type.ENDED, h.events.get(1).type());
        assertTrue(h.events.get(1).endReason().contains("no close after disconnect"));
    }

    // --------------------------------------------------------------------------------------------- transcripts

    private static LiveTranscript transcript(boolean isFinal, long start, long end) {
        return new LiveTranscript(Track.CUSTOMER, "CUSTOMER/0", isFinal, start, end, "check my balance", 0.91,
                List.of(new Word("check", start, start + 300, 0.95), new Word("my", start + 320, start + 480, 0.93),
                        new Word("balance", start + 320, end + 50, 1.7)));
    }

    @Test
    void aTranscriptIsOneEntityInAnEventWithSpecShapedData() {
        h.open();
        assertTrue(h.session.sendTranscript(transcript(true, 3520, 4820)));
        JsonNode event = h.last();
        assertEnvelope(event, "event", 2, 1);
        JsonNode entities = event.at("/parameters/entities");
        assertEquals(1, entities.size());
        assertEquals("transcript", entities.get(0).get("type").asText());
        JsonNode data = entities.get(0).get("data");
        UUID id = UUID.fromString(data.get("id").asText());
        assertEquals(3, id.version());
        assertEquals(0, data.get("channelId").asInt());
        assertTrue(data.get("isFinal").asBoolean());
        assertEquals("PT3.52S", data.get("offset").asText());
        assertEquals("PT1.3S", data.get("duration").asText());
        JsonNode alt = data.at("/alternatives/0");
        assertEquals(0.91, alt.get("confidence").asDouble());
        assertEquals("en-US", alt.at("/languages/0").asText());
        JsonNode interpretation = alt.at("/interpretations/0");
        assertEquals("display", interpretation.get("type").asText());
        assertEquals("check my balance", interpretation.get("transcript").asText());
        JsonNode tokens = interpretation.get("tokens");
        assertEquals(3, tokens.size());
        assertEquals("word", tokens.get(0).get("type").asText());
        assertEquals("PT3.52S", tokens.get(0).get("offset").asText());
        assertEquals("PT0.3S", tokens.get(0).get("duration").asText());
        assertEquals("PT3.84S", tokens.get(1).get("offset").asText());
        assertEquals("PT3.841S", tokens.get(2).get("offset").asText(), "offsets distinct and ascending");
        assertEquals("PT0.979S", tokens.get(2).get("duration").asText(), "inside the utterance");
        assertEquals(1.0, tokens.get(2).get("confidence").asDouble());
        assertEquals("en-US", tokens.get(2).get("language").asText());

        assertTrue(h.session.sendTranscript(new LiveTranscript(Track.AGENT, "AGENT/0", false, 100, 200, "hi", 0.5, List.of())));
        assertEquals(1, h.last().at("/parameters/entities/0/data/channelId").asInt());
        assertFalse(h.last().at("/parameters/entities/0/data/isFinal").asBoolean());
        assertTrue(h.session.sendTranscript(new LiveTranscript(Track.CUSTOMER, "CUSTOMER/0", true, 3520, 4820, "x", 1, List.of())));
        assertEquals(data.get("id"), h.last().at("/parameters/entities/0/data/id"), "same utterance, same id");
    }

    @Test
    void transcriptOffsetsAreOnReceivedAudioByDefaultOrOnTheStream() {
        h.open();
        h.session.onBinary(stereo(8000, 1, 1)); // 1 s
        h.send("paused", "PT1S", null);
        h.send("resumed", "PT11S", params("{\"start\":\"PT1S\",\"discarded\":\"PT10S\"}"));
        h.session.sendTranscript(transcript(true, 11_500, 12_000)); // call time: 1.5 s of received audio
        assertEquals("PT1.5S", h.last().at("/parameters/entities/0/data/offset").asText());
        assertEquals("PT0.5S", h.last().at("/parameters/entities/0/data/duration").asText());

        SessionHarness s = new SessionHarness(SessionSettings.DEFAULTS.withFrameMs(100).withTranscriptsOnStreamTime(true));
        s.open();
        s.session.onBinary(stereo(8000, 1, 1));
        s.send("discarded", "PT11S", params("{\"start\":\"PT1S\",\"discarded\":\"PT10S\"}"));
        s.session.sendTranscript(transcript(true, 11_500, 12_000));
        assertEquals("PT11.5S", s.last().at("/parameters/entities/0/data/offset").asText());
    }

    @Test
    void transcriptsOnlyWhileTheSessionCanTakeThem() {
        assertFalse(h.session.sendTranscript(transcript(true, 0, 100)), "before opened");
        SessionHarness mono = new SessionHarness();
        mono.send("open", "PT0S", openParams("[" + MONO_EXTERNAL + "]", ""));
        assertFalse(mono.session.sendTranscript(new LiveTranscript(Track.AGENT, "a", true, 0, 1, "x", 1, List.of())),
                "the agent is not in the selected media");
        h.open();
        h.send("close", "PT0S", params("{\"reason\":\"end\"}"));
        assertFalse(h.session.sendTranscript(transcript(true, 0, 100)), "after closed");
    }

    @Test
    void withACloseGraceFinalTranscriptsGoOutBeforeClosed() {
        SessionHarness g = new SessionHarness(SessionSettings.DEFAULTS.withFrameMs(100).withCloseGrace(Duration.ofSeconds(2)));
        g.open();
        assertNull(g.send("close", "PT0S", params("{\"reason\":\"end\"}")));
        assertEquals(State.CLOSING, g.session.state());
        assertEquals(CallEvent.Type.ENDED, g.events.get(1).type(), "the call ends at close, not at closed");
        assertTrue(g.session.sendTranscript(transcript(true, 0, 500)));
        g.clock.advance(Duration.ofSeconds(2));
        g.session.tick();
        assertEnvelope(g.last(), "closed", 3, 2);
    }
}
