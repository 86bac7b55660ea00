package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.DeadLetter;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed transcription operator with its state and timers, but a fake recognizer (no native model). */
class TranscribeTracksTest {
    private static final long IDLE_MS = 60_000;
    private KeyedOneInputStreamOperatorTestHarness<String, AudioFrame, Utterance> harness;

    @BeforeEach
    void open() throws Exception {
        CountingRecognizer.OPEN_STREAMS.set(0);
        CountingRecognizer.OPEN_RECOGNIZERS.set(0);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                operator(),
                AudioFrame::trackKey, org.apache.flink.api.common.typeinfo.Types.STRING);
        harness.open();
    }

    private static KeyedProcessOperator<String, AudioFrame, Utterance> operator() {
        return new KeyedProcessOperator<>(new TranscribeTracks(CountingRecognizer::new, FrontEndConfig.none(), IDLE_MS));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        assertEquals(0, CountingRecognizer.OPEN_STREAMS.get(), "every recognizer stream closed");
        assertEquals(0, CountingRecognizer.OPEN_RECOGNIZERS.get(), "the recognizer closed with the operator");
    }

    private static AudioFrame frame(String call, Track track, long seq, boolean end) {
        return new AudioFrame("acme", call, track, seq, seq * 1000, AudioCodec.PCMU, 8000, new byte[8000], end);
    }

    private void feed(AudioFrame frame) throws Exception {
        harness.processElement(new StreamRecord<>(frame));
    }

    @Test
    void utterancesCarryStableIndexesAndTheEndOfATrackClosesItsRecognizer() throws Exception {
        for (int s = 0; s < 3; s++) {
            feed(frame("c1", Track.CUSTOMER, s, s == 2));
        }
        List<Utterance> out = harness.extractOutputValues();
        assertEquals(List.of("c1/CUSTOMER/0", "c1/CUSTOMER/1"), out.stream().map(Utterance::id).toList().subList(0, 2));
        assertEquals(0, CountingRecognizer.OPEN_STREAMS.get());
        ConcurrentLinkedQueue<StreamRecord<TrackSummary>> summaries = harness.getSideOutput(TranscribeTracks.TRACK_SUMMARIES);
        TrackSummary summary = summaries.peek().getValue();
        assertEquals(out.size(), summary.utterances());
        assertTrue(summary.completed());
        assertEquals(3000, summary.audioMs());
    }

    @Test
    void tracksAreIndependentAndLiveTracksAreClosedWithTheOperator() throws Exception {
        feed(frame("c1", Track.CUSTOMER, 0, false));
        feed(frame("c1", Track.AGENT, 0, false));
        feed(frame("c2", Track.CUSTOMER, 0, false));
        assertEquals(3, CountingRecognizer.OPEN_STREAMS.get());
        // close() in @AfterEach must release all three
    }

    @Test
    void aTrackThatGoesQuietIsClosedAsIncompleteAfterTheIdleTimeout() throws Exception {
        harness.setProcessingTime(0);
        feed(frame("c1", Track.AGENT, 0, false));
        feed(frame("c1", Track.AGENT, 1, false));
        harness.setProcessingTime(IDLE_MS - 1);
        assertEquals(1, CountingRecognizer.OPEN_STREAMS.get());
        harness.setProcessingTime(IDLE_MS + 1_000); // the idle timer is rounded up to the next second
        assertEquals(0, CountingRecognizer.OPEN_STREAMS.get());
        TrackSummary summary = harness.getSideOutput(TranscribeTracks.TRACK_SUMMARIES).peek().getValue();
        assertFalse(summary.completed());
    }

    @Test
    void aFrameThatBreaksItsTrackGoesToTheDeadLettersAndOtherTracksGoOn() throws Exception {
        feed(frame("c1", Track.CUSTOMER, 0, false));
        feed(new AudioFrame("acme", "c1", Track.CUSTOMER, 1, 1000, AudioCodec.PCMU, 16000, new byte[16000], false));
        feed(frame("c2", Track.CUSTOMER, 0, true));
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> dead = harness.getSideOutput(DeadLetters.TAG);
        assertEquals(1, dead.size());
        assertTrue(dead.peek().getValue().reason().contains("changed sample rate"), dead.peek().getValue().reason());
        assertEquals(2, harness.getSideOutput(TranscribeTracks.TRACK_SUMMARIES).size());
    }

    @Test
    void afterARestoreMidTrackTheNumberingContinuesInsteadOfOverwriting() throws Exception {
        for (int s = 0; s < 3; s++) {
            feed(frame("c1", Track.CUSTOMER, s, false));
        }
        List<String> before = harness.extractOutputValues().stream().map(Utterance::id).toList();
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator(), AudioFrame::trackKey,
                org.apache.flink.api.common.typeinfo.Types.STRING);
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        for (int s = 3; s < 6; s++) {
            feed(frame("c1", Track.CUSTOMER, s, s == 5));
        }
        List<String> after = harness.extractOutputValues().stream().map(Utterance::id).toList();
        assertFalse(before.isEmpty());
        assertFalse(after.isEmpty());
        assertTrue(after.stream().noneMatch(before::contains), "restored track reused ids: " + after);
        assertEquals("c1/CUSTOMER/" + before.size(), after.get(0));
    }

    @Test
    void speechSegmentsOfEachTrackAreReportedOnCallTime() throws Exception {
        // 2 s of line silence, 2 s of speech-like sound, 2 s of silence; frames start 1 s into the call.
        short[] pcm = new short[6 * 8000];
        float[] speech = io.callsight.asr.noise.SyntheticSpeech.generate(2 * 8000, 8000, 12000, 5);
        for (int i = 0; i < speech.length; i++) {
            pcm[2 * 8000 + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, speech[i]));
        }
        byte[] ulaw = io.callsight.asr.audio.G711.ulawEncode(pcm);
        for (int s = 0; s < 6; s++) {
            feed(new AudioFrame("acme", "c1", Track.AGENT, s, 1000 + s * 1000L, AudioCodec.PCMU, 8000,
                    java.util.Arrays.copyOfRange(ulaw, s * 8000, (s + 1) * 8000), s == 5));
        }
        List<io.callsight.events.SpeechSegmentEvent> segments = harness.getSideOutput(TranscribeTracks.SPEECH_SEGMENTS)
                .stream().map(StreamRecord::getValue).toList();
        assertEquals(1, segments.size(), segments.toString());
        io.callsight.events.SpeechSegmentEvent segment = segments.get(0);
        assertEquals(Track.AGENT, segment.track());
        assertEquals("c1", segment.callId());
        assertTrue(segment.startMs() >= 2500 && segment.startMs() <= 3000, "starts near 3 s of the call: " + segment);
        assertTrue(segment.endMs() >= 5000 && segment.endMs() <= 5600, "ends near 5 s of the call: " + segment);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, AudioFrame, Utterance> withPartials(long intervalMs)
            throws Exception {
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TranscribeTracks(
                CountingRecognizer::withPartials, FrontEndConfig.none(), IDLE_MS, intervalMs)),
                AudioFrame::trackKey, org.apache.flink.api.common.typeinfo.Types.STRING);
        harness.open();
        return harness;
    }

    /** 250 ms of silence at 8 kHz μ-law, {@code index} quarter seconds into the track. */
    private static AudioFrame quarter(String call, long index, boolean end) {
        return new AudioFrame("acme", call, Track.CUSTOMER, index, index * 250, AudioCodec.PCMU, 8000, new byte[2000], end);
    }

    @Test
    void partialsComeBeforeTheirFinalUnderItsIdAtMostOncePerIntervalOfProcessingTime() throws Exception {
        withPartials(400);
        for (int q = 0; q < 9; q++) {
            harness.setProcessingTime(q * 250L); // frames arrive in real time
            feed(quarter("c1", q, q == 8));
        }
        List<Utterance> out = harness.extractOutputValues();
        List<Utterance> partials = out.stream().filter(u -> !u.isFinal()).toList();
        assertEquals(List.of("c1/CUSTOMER/0", "c1/CUSTOMER/0", "c1/CUSTOMER/1", "c1/CUSTOMER/1"),
                partials.stream().map(Utterance::id).toList(), out.toString());
        // every 250 ms the text changes; at most one per 400 ms goes out: at 0, 500, 1000, 1500 ms
        assertEquals(List.of(250L, 750L, 1250L, 1750L), partials.stream().map(Utterance::endMs).toList(),
                "a partial's end is how far the track's audio had got");
        assertEquals(List.of(0L, 0L, 1000L, 1000L), partials.stream().map(Utterance::startMs).toList());
        assertTrue(partials.stream().allMatch(u -> u.tenant().equals("acme") && u.words().isEmpty()));
        int finalAt = out.indexOf(out.stream().filter(Utterance::isFinal).findFirst().orElseThrow());
        assertEquals("c1/CUSTOMER/0", out.get(finalAt).id());
        assertTrue(out.subList(0, finalAt).stream().allMatch(u -> !u.isFinal() && u.idx() == 0),
                "the final follows its partials: " + out);
        assertTrue(out.subList(finalAt + 1, out.size()).stream().allMatch(u -> u.idx() >= 1), out.toString());
        TrackSummary summary = harness.getSideOutput(TranscribeTracks.TRACK_SUMMARIES).peek().getValue();
        assertEquals(out.size() - partials.size(), summary.utterances(), "partials are not counted as utterances");
        assertEquals(out.size() - partials.size(), summary.words());
    }

    @Test
    void anUnchangedHypothesisIsNotRepeatedAndAZeroIntervalPublishesNoPartials() throws Exception {
        withPartials(200);
        harness.setProcessingTime(0);
        feed(new AudioFrame("acme", "c1", Track.CUSTOMER, 0, 0, AudioCodec.PCMU, 8000, new byte[800], false));
        harness.setProcessingTime(1000);
        feed(new AudioFrame("acme", "c1", Track.CUSTOMER, 1, 100, AudioCodec.PCMU, 8000, new byte[800], false));
        assertEquals(1, harness.extractOutputValues().size(), "the same 'word1 .0' twice: " + harness.extractOutputValues());

        withPartials(0);
        for (int q = 0; q < 9; q++) {
            harness.setProcessingTime(q * 250L);
            feed(quarter("c1", q, q == 8));
        }
        assertTrue(harness.extractOutputValues().stream().allMatch(Utterance::isFinal), harness.extractOutputValues().toString());
    }
}
