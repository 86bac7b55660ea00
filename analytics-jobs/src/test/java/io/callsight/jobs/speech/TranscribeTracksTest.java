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
        harness.setProcessingTime(IDLE_MS + 1);
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
}
