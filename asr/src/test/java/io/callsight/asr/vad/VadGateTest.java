package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.recognition.RecognizedSegment;
import io.callsight.events.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The gate passes exactly the segments' audio, in order, with a time map that finds it on the track. */
class VadGateTest {
    private static final int RATE = 16000;

    /** 50% silence: 2 s speech-like bursts alternating with 2 s of quiet noise, starting with silence. */
    private static short[] halfSilentTrack(int seconds) {
        double[] x = VadSignals.scaled(VadSignals.white(RATE * seconds, 11), 30);
        for (int s = 2; s < seconds; s += 4) {
            double[] speech = VadSignals.speechLike(RATE, 2 * RATE, 120 + 10 * s, 7000, s);
            for (int i = 0; i < Math.min(speech.length, x.length - s * RATE); i++) {
                x[s * RATE + i] += speech[i];
            }
        }
        return VadSignals.toPcm(x);
    }

    private record Run(List<GateEvent> events, short[] passed, VadGate gate) {
    }

    /** Segment geometry without the closing-silence bridge, so passed audio is exactly the segments' audio. */
    private static final VadConfig UNBRIDGED = VadConfig.defaults().withClosingSilenceMs(0);

    private static Run run(short[] track, Random chunking) {
        return run(track, chunking, UNBRIDGED);
    }

    private static Run run(short[] track, Random chunking, VadConfig config) {
        VadGate gate = new VadGate(RATE, config);
        List<GateEvent> events = new ArrayList<>();
        int pos = 0;
        while (pos < track.length) {
            int n = chunking == null ? track.length : Math.min(track.length - pos, 1 + chunking.nextInt(2000));
            events.addAll(gate.accept(Arrays.copyOfRange(track, pos, pos + n)));
            pos += n;
        }
        events.addAll(gate.finish());
        int total = events.stream().filter(e -> e instanceof GateEvent.Audio)
                .mapToInt(e -> ((GateEvent.Audio) e).pcm().length).sum();
        short[] passed = new short[total];
        int at = 0;
        for (GateEvent e : events) {
            if (e instanceof GateEvent.Audio audio) {
                assertEquals(at, audio.passedStartSample());
                System.arraycopy(audio.pcm(), 0, passed, at, audio.pcm().length);
                at += audio.pcm().length;
            }
        }
        return new Run(events, passed, gate);
    }

    @Test
    void passedAudioIsTheOriginalAudioOfEachSegment() {
        short[] track = halfSilentTrack(24);
        Run run = run(track, null);
        // Every passed sample is the track sample the time map points to.
        TimeMap map = run.gate().timeMap();
        for (int p = 0; p < run.passed().length; p += 7) {
            assertEquals(track[(int) map.toOriginalSample(p)], run.passed()[p]);
        }
        // Events come as Started, Audio..., Ended; segments match the audio spans.
        List<SpeechSegment> segments = new ArrayList<>();
        boolean open = false;
        for (GateEvent e : run.events()) {
            if (e instanceof GateEvent.SegmentStarted) {
                assertTrue(!open);
                open = true;
            } else if (e instanceof GateEvent.SegmentEnded ended) {
                assertTrue(open);
                open = false;
                segments.add(ended.segment());
            } else {
                assertTrue(open, "audio only inside a segment");
            }
        }
        assertEquals(6, segments.size(), segments.toString());
        long segmentSamples = segments.stream().mapToLong(s -> s.durationMs() * RATE / 1000).sum();
        assertEquals(segmentSamples, run.passed().length);
        List<TimeMap.Span> spans = map.spans();
        assertEquals(segments.size(), spans.size());
        for (int i = 0; i < spans.size(); i++) {
            assertEquals(segments.get(i).startMs() * RATE / 1000, spans.get(i).originalStart());
            assertEquals(segments.get(i).endMs() * RATE / 1000, spans.get(i).originalEnd());
        }
        // Each 1 s speech burst is inside a segment with its padding.
        for (int s = 2; s < 24; s += 4) {
            long startMs = s * 1000L;
            assertTrue(segments.stream().anyMatch(seg -> seg.startMs() <= startMs - 250 && seg.endMs() >= Math.min(24000, startMs + 2350)),
                    "burst at " + startMs + " ms in " + segments);
        }
        double dropped = run.gate().droppedShare();
        System.out.printf("gate: %d segments, dropped %.1f%% of a 50%%-silent track -> %.2fx less audio to decode%n",
                segments.size(), 100 * dropped, 1 / (1 - dropped));
        assertTrue(dropped > 0.25, "dropped " + dropped);
    }

    @Test
    void eachSegmentIsFollowedByClosingSilenceThatMapsToTheSegmentEnd() {
        short[] track = halfSilentTrack(24);
        Run bridged = run(track, null, VadConfig.defaults());
        Run plain = run(track, null);
        List<GateEvent> events = bridged.events();
        int bridges = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof GateEvent.SegmentEnded ended && ended.bridged()) {
                GateEvent.Audio silence = assertInstanceOf(GateEvent.Audio.class, events.get(i - 1));
                assertEquals(RATE, silence.pcm().length, "1 s of closing silence");
                assertTrue(Arrays.equals(silence.pcm(), new short[RATE]), "digital silence");
                long end = ended.segment().endMs() * RATE / 1000;
                TimeMap map = bridged.gate().timeMap();
                // Anything the recognizer places inside the bridge lies at the segment's end on the track.
                assertEquals(end, map.toOriginalSample(silence.passedStartSample() + RATE / 2));
                assertEquals(end, map.toOriginalEndSample(silence.passedStartSample() + RATE));
                bridges++;
            }
        }
        long segments = plain.events().stream().filter(e -> e instanceof GateEvent.SegmentEnded).count();
        assertEquals(segments - 1, bridges, "every segment but the one the track ends in");
        assertEquals(plain.passed().length + (long) bridges * RATE, bridged.passed().length);
        assertEquals(plain.gate().timeMap().spans().stream().map(s -> List.of(s.originalStart(), s.length())).toList(),
                bridged.gate().timeMap().spans().stream().map(s -> List.of(s.originalStart(), s.length())).toList(),
                "the same track audio is passed");
        // Track times after a bridge are unaffected by it.
        for (TimeMap.Span span : bridged.gate().timeMap().spans()) {
            assertEquals(span.originalStart(), bridged.gate().timeMap().toOriginalSample(span.passedStart()));
        }
    }

    @Test
    void chunkingDoesNotChangeWhatIsPassed() {
        short[] track = halfSilentTrack(12);
        Run whole = run(track, null);
        for (int seed = 0; seed < 4; seed++) {
            Run chunked = run(track, new Random(seed));
            assertArrayEquals(whole.passed(), chunked.passed(), "seed " + seed);
            assertEquals(whole.gate().timeMap().spans(), chunked.gate().timeMap().spans());
            assertEquals(whole.events().stream().filter(e -> !(e instanceof GateEvent.Audio)).toList(),
                    chunked.events().stream().filter(e -> !(e instanceof GateEvent.Audio)).toList());
        }
    }

    @Test
    void silenceAndEmptyInputPassNothing() {
        VadGate gate = new VadGate(8000);
        assertEquals(List.of(), gate.accept(new short[0]));
        assertEquals(List.of(), gate.accept(new short[8000 * 10 + 3]));
        assertEquals(List.of(), gate.finish());
        assertEquals(List.of(), gate.finish());
        assertEquals(0, gate.passedSamples());
        assertEquals(1.0, gate.droppedShare());
        assertThrows(IllegalStateException.class, () -> gate.accept(new short[1]));
        assertEquals(0.0, new VadGate(8000).droppedShare());
    }

    @Test
    void speechToTheEndIsPassedIncludingTheLastPartialFrame() {
        double[] speech = VadSignals.speechLike(8000, 8000 + 37, 150, 8000, 2);
        VadGate gate = new VadGate(8000);
        List<GateEvent> events = new ArrayList<>(gate.accept(VadSignals.toPcm(speech)));
        events.addAll(gate.finish());
        GateEvent last = events.get(events.size() - 1);
        SpeechSegment segment = assertInstanceOf(GateEvent.SegmentEnded.class, last).segment();
        assertEquals(1004, segment.endMs());
        assertEquals(8037, gate.timeMap().toOriginalEndSample(gate.passedSamples()));
    }

    @Test
    void recognizerTimesMapBackToTrackTime() {
        short[] track = halfSilentTrack(12);
        VadGate gate = new VadGate(RATE);
        gate.accept(track);
        gate.finish();
        TimeMap map = gate.timeMap();
        TimeMap.Span second = map.spans().get(1);
        long passedMs = second.passedStart() * 1000 / RATE + 100; // 100 ms into the second passed segment
        RecognizedSegment heard = new RecognizedSegment("hello", passedMs, passedMs + 300,
                List.of(new Word("hello", passedMs, passedMs + 300, 0.9)), 0.9);
        RecognizedSegment onTrack = heard.retimed(map);
        long expected = second.originalStart() * 1000 / RATE + 100;
        assertEquals(expected, onTrack.startMs());
        assertEquals(expected + 300, onTrack.words().get(0).endMs());
    }
}
