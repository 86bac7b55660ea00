package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segment rules on hand-written frame patterns ('S' speech, 'h' hangover, '.' silence; 10 ms each). */
class VadSpeechSegmenterTest {
    private static final VadConfig CONFIG = new VadConfig(VadMode.AGGRESSIVE, 50, 300, 100, 200);

    private static List<SegmentEvent> run(VadConfig config, String pattern) {
        SpeechSegmenter segmenter = new SpeechSegmenter(config);
        List<SegmentEvent> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            segmenter.accept(new FrameDecision(i, c != '.', c == 'h'), out);
        }
        out.addAll(segmenter.finish());
        return out;
    }

    private static List<SpeechSegment> segments(List<SegmentEvent> events) {
        return events.stream().filter(e -> e instanceof SegmentEvent.Ended)
                .map(e -> ((SegmentEvent.Ended) e).segment()).toList();
    }

    private static String silence(int frames) {
        return ".".repeat(frames);
    }

    @Test
    void paddingIsAddedAroundSpeech() {
        List<SegmentEvent> events = run(CONFIG, silence(50) + "S".repeat(20) + silence(60));
        assertEquals(List.of(new SegmentEvent.Started(400), new SegmentEvent.Ended(new SpeechSegment(400, 900))),
                events);
    }

    @Test
    void shortBlipsDoNotOpenASegment() {
        assertEquals(List.of(), run(CONFIG, silence(50) + "SSSShhhhhh" + silence(80) + "SSSS" + silence(40)));
    }

    @Test
    void burstsCloserThanMinSilenceAddUp() {
        // 3 + 3 raw frames, 100 ms apart: together they reach the 50 ms minimum.
        List<SpeechSegment> s = segments(run(CONFIG, silence(50) + "SSS" + silence(10) + "SSS" + silence(60)));
        assertEquals(List.of(new SpeechSegment(400, 860)), s);
    }

    @Test
    void hangoverDoesNotExtendTheSegment() {
        List<SpeechSegment> s = segments(run(CONFIG, silence(20) + "S".repeat(10) + "h".repeat(9) + silence(60)));
        assertEquals(List.of(new SpeechSegment(100, 500)), s);
    }

    @Test
    void pausesShorterThanMinSilenceStayInOneSegment() {
        List<SpeechSegment> s = segments(run(CONFIG, silence(20) + "S".repeat(10) + silence(25) + "S".repeat(10)
                + silence(60)));
        assertEquals(List.of(new SpeechSegment(100, 850)), s);
    }

    @Test
    void longPausesSplitAndSegmentsNeverOverlap() {
        List<SpeechSegment> s = segments(run(CONFIG, silence(20) + "S".repeat(10) + silence(30) + "S".repeat(10)
                + silence(60)));
        // Split after 300 ms of silence; the second segment's pre-padding is clipped at the first one's end.
        assertEquals(List.of(new SpeechSegment(100, 500), new SpeechSegment(500, 900)), s);
        for (int i = 1; i < s.size(); i++) {
            assertEquals(true, s.get(i).startMs() >= s.get(i - 1).endMs());
        }
    }

    @Test
    void speechRunningToTheEndIsClosedByFinish() {
        assertEquals(List.of(new SpeechSegment(0, 300)), segments(run(CONFIG, "S".repeat(30))));
        assertEquals(List.of(new SpeechSegment(0, 400)), segments(run(CONFIG, "S".repeat(30) + silence(10))));
        assertEquals(List.of(), segments(run(CONFIG, "")));
    }

    @Test
    void paddingBeforeTheStreamStartIsClipped() {
        assertEquals(List.of(new SpeechSegment(0, 290)), segments(run(CONFIG, "..S".repeat(1) + "S".repeat(6)
                + silence(40))));
    }

    @Test
    void framesMustArriveInOrder() {
        SpeechSegmenter segmenter = new SpeechSegmenter(VadConfig.defaults());
        assertThrows(IllegalArgumentException.class,
                () -> segmenter.accept(new FrameDecision(1, true, false), new ArrayList<>()));
    }
}
