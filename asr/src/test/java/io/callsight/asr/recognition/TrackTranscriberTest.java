package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TrackTranscriber's bookkeeping against a fake recognizer (no model needed). */
class TrackTranscriberTest {

    /** Records what it is fed; emits one segment per {@code segmentEvery} samples, timed by its own clock. */
    static final class FakeRecognizer implements SpeechRecognizer {
        final int rate;
        final int segmentEvery;
        final ByteArrayOutputStream fed = new ByteArrayOutputStream();
        int opened;
        int closedStreams;
        int partialsAsked;
        boolean startWords = true;
        boolean finished;

        FakeRecognizer(int rate, int segmentEvery) {
            this.rate = rate;
            this.segmentEvery = segmentEvery;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public Stream openStream() {
            opened++;
            return new Stream() {
                long samples;
                long lastCut;

                /** One more word of the segment in progress per 100 ms heard since the last cut, from its start. */
                @Override
                public RecognizedPartial partial() {
                    partialsAsked++;
                    long words = (samples - lastCut) * 10 / rate;
                    if (words == 0) {
                        return RecognizedPartial.NONE;
                    }
                    StringBuilder text = new StringBuilder();
                    for (int i = 1; i <= words; i++) {
                        text.append(i == 1 ? "" : " ").append("w").append(i);
                    }
                    return new RecognizedPartial(text.toString(), startWords ? lastCut * 1000 / rate
                            : RecognizedPartial.UNKNOWN_START);
                }

                @Override
                public List<RecognizedSegment> accept(short[] pcm) {
                    for (short s : pcm) {
                        fed.write(s & 0xFF);
                        fed.write(s >> 8);
                    }
                    samples += pcm.length;
                    List<RecognizedSegment> out = new ArrayList<>();
                    while (samples - lastCut >= segmentEvery) {
                        long start = lastCut * 1000 / rate;
                        lastCut += segmentEvery;
                        long end = lastCut * 1000 / rate;
                        out.add(new RecognizedSegment("seg", start, end, List.of(new Word("seg", start, end, 0.9)), 0.9));
                    }
                    return out;
                }

                @Override
                public List<RecognizedSegment> finish() {
                    finished = true;
                    long start = lastCut * 1000 / rate;
                    long end = samples * 1000 / rate;
                    return samples > lastCut ? List.of(new RecognizedSegment("tail", start, end, List.of(), 0.5))
                            : List.of();
                }

                @Override
                public void close() {
                    closedStreams++;
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static AudioFrame frame(long seq, long startMs, int samples, boolean end) {
        return new AudioFrame("t", "call", Track.AGENT, seq, startMs, AudioCodec.PCMU, 8000, new byte[samples], end);
    }

    @Test
    void placesUtterancesOnCallTimeAndCountsThem() {
        FakeRecognizer fake = new FakeRecognizer(8000, 8000); // one segment per second
        List<Utterance> all = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            for (int i = 0; i < 25; i++) {
                all.addAll(t.accept(frame(i, 60_000 + i * 100L, 800, i == 24)));
            }
            assertEquals(2500, t.audioMs());
            assertEquals(all.size(), t.utteranceCount());
            assertEquals(List.of(), t.finish(), "finish after endOfTrack is a no-op");
        }
        assertEquals(1, fake.closedStreams);
        assertTrue(fake.finished);
        assertEquals(3, all.size()); // 2 full seconds + the flushed tail
        for (int i = 0; i < all.size(); i++) {
            Utterance u = all.get(i);
            assertEquals(i, u.idx());
            assertEquals("call/AGENT/" + i, u.id());
            assertTrue(u.isFinal());
            assertEquals(Track.AGENT, u.track());
        }
        assertEquals(60_000, all.get(0).startMs(), "shifted by the first frame's call time");
        assertEquals(61_000, all.get(0).endMs());
        assertEquals(61_000, all.get(1).startMs());
        assertEquals(60_000, all.get(0).words().get(0).startMs(), "words are shifted too");
        assertEquals("tail", all.get(2).text());
    }

    @Test
    void fillsGapsInTheTimeLineWithSilence() {
        FakeRecognizer fake = new FakeRecognizer(8000, Integer.MAX_VALUE);
        byte[] loud = G711.ulawEncode(new short[] {8000, 8000, 8000, 8000});
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            t.accept(new AudioFrame("t", "call", Track.AGENT, 0, 1000, AudioCodec.PCMU, 8000, new byte[800], false));
            // 300 ms lost, then a frame at 1400 ms
            t.accept(new AudioFrame("t", "call", Track.AGENT, 4, 1400, AudioCodec.PCMU, 8000, new byte[800], false));
            assertEquals(200 + 300, t.audioMs());
            // a 10 ms jitter (less than 20 ms) is not filled
            t.accept(new AudioFrame("t", "call", Track.AGENT, 5, 1510, AudioCodec.PCMU, 8000, loud, true));
            assertEquals(500, t.audioMs());
        }
        assertEquals((800 + 2400 + 800 + 4) * 2, fake.fed.size(), "same rate: samples pass through 1:1");
    }

    @Test
    void resamplesToTheRecognizerRate() {
        FakeRecognizer fake = new FakeRecognizer(16000, Integer.MAX_VALUE);
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            for (int i = 0; i < 10; i++) {
                t.accept(frame(i, i * 100L, 800, i == 9));
            }
        }
        // 1 s at 8 kHz -> 16000 samples, plus the flushed filter tail (the stream lags by the filter delay).
        int fedSamples = fake.fed.size() / 2;
        assertTrue(fedSamples >= 16000 && fedSamples <= 16000 + 200, "fed " + fedSamples);
    }

    @Test
    void rejectsRateChangesAndFramesAfterTheEnd() {
        FakeRecognizer fake = new FakeRecognizer(8000, Integer.MAX_VALUE);
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            t.accept(frame(0, 0, 80, false));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.accept(
                    new AudioFrame("t", "call", Track.AGENT, 1, 10, AudioCodec.PCMU, 16000, new byte[160], false)));
            assertTrue(e.getMessage().contains("8000") && e.getMessage().contains("16000"), e.getMessage());
            t.accept(frame(1, 10, 80, true));
            IllegalStateException s = assertThrows(IllegalStateException.class, () -> t.accept(frame(2, 20, 80, false)));
            assertTrue(s.getMessage().contains("already ended"), s.getMessage());
        }
    }

    @Test
    void emptyEndOfTrackFrameAloneIsFine() {
        FakeRecognizer fake = new FakeRecognizer(16000, Integer.MAX_VALUE);
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            t.accept(frame(0, 0, 0, true));
            assertEquals(0, t.audioMs());
            assertEquals(List.of(), t.finish());
        }
        // Only the resampler's flush (a few ms of silence) reaches the recognizer.
        assertTrue(fake.fed.size() / 2 <= 16000 / 100, "fed " + fake.fed.size() / 2 + " samples");
        assertTrue(fake.finished);
        assertEquals(1, fake.closedStreams);
    }

    @Test
    void partialsCarryTheNextFinalsIdStartAndPositionAndAreThrottled() {
        FakeRecognizer fake = new FakeRecognizer(8000, 8000); // a final per second, a partial word per 100 ms
        List<Utterance> all = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none(), 0,
                new PartialThrottle(200))) {
            assertTrue(t.partial(0).isEmpty(), "nothing heard yet");
            for (int i = 0; i < 26; i++) { // 50 ms frames, the clock runs with the audio
                long now = i * 50L;
                all.addAll(t.accept(frame(i, 10_000 + now, 400, false)));
                t.partial(now).ifPresent(all::add);
            }
        }
        List<Utterance> partials = all.stream().filter(u -> !u.isFinal()).toList();
        List<Utterance> finals = all.stream().filter(Utterance::isFinal).toList();
        assertEquals(1, finals.size(), all.toString());
        for (int i = 1; i < partials.size(); i++) {
            assertTrue(partials.get(i).endMs() - partials.get(i - 1).endMs() >= 200, partials.toString());
            assertFalse(partials.get(i).text().equals(partials.get(i - 1).text()), partials.toString());
        }
        Utterance first = partials.get(0);
        assertEquals("call/AGENT/0", first.id(), "the id the final will have");
        assertEquals(Track.AGENT, first.track());
        assertEquals("t", first.tenant());
        assertEquals(10_000, first.startMs(), "the utterance's start on call time");
        // the fruitless look at 0 ms (nothing heard yet) pauses the next for PartialThrottle.RECHECK_MS: the frame
        // at 100 ms is the first looked at again
        assertEquals(10_150, first.endMs(), "the audio position when it was taken");
        assertEquals("w1", first.text());
        assertTrue(first.words().isEmpty());
        int finalAt = all.indexOf(finals.get(0));
        assertTrue(all.subList(0, finalAt).stream().noneMatch(Utterance::isFinal));
        assertTrue(all.subList(0, finalAt).stream().allMatch(u -> u.idx() == 0), "partials before the final share its id");
        List<Utterance> after = all.subList(finalAt + 1, all.size());
        assertFalse(after.isEmpty(), all.toString());
        assertTrue(after.stream().allMatch(u -> !u.isFinal() && u.idx() == 1), "then the next utterance's: " + after);
        assertEquals(11_000, after.get(0).startMs());
        assertTrue(fake.partialsAsked <= 26, "asked " + fake.partialsAsked);
    }

    @Test
    void aPartialWithoutWordTimesStartsWhereTheLastFinalEnded() {
        FakeRecognizer fake = new FakeRecognizer(8000, 8000);
        fake.startWords = false;
        List<Utterance> partials = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none(), 0,
                new PartialThrottle(200))) {
            for (int i = 0; i < 15; i++) {
                t.accept(frame(i, 5_000 + i * 100L, 800, false));
                t.partial(i * 100L).ifPresent(partials::add);
            }
        }
        assertEquals(5_000, partials.get(0).startMs(), "the track's start before any final");
        assertEquals(6_000, partials.get(partials.size() - 1).startMs(), "the first final's end after it");
    }

    @Test
    void noPartialsWhenOffOrAfterTheEnd() {
        FakeRecognizer fake = new FakeRecognizer(8000, Integer.MAX_VALUE);
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none(), 0,
                PartialThrottle.off())) {
            for (int i = 0; i < 10; i++) {
                t.accept(frame(i, i * 100L, 800, false));
                assertTrue(t.partial(i * 1000L).isEmpty());
            }
            assertEquals(0, fake.partialsAsked, "an off throttle never asks the recognizer");
        }
        try (TrackTranscriber t = new TrackTranscriber(fake, "t", "call", Track.AGENT, FrontEndConfig.none())) {
            t.accept(frame(0, 0, 800, true));
            assertTrue(t.partial(0).isEmpty(), "the track ended");
        }
    }

    @Test
    void parsesVoskPartialJson() {
        assertEquals(RecognizedPartial.NONE, VoskRecognizer.parsePartial("{\"partial\" : \"\"}"));
        RecognizedPartial p = VoskRecognizer.parsePartial("{\"partial\" : \"hello wor\", \"partial_result\" : "
                + "[{\"conf\":1.0,\"end\":0.87,\"start\":0.42,\"word\":\"hello\"}]}");
        assertEquals(new RecognizedPartial("hello wor", 420), p);
        assertEquals(RecognizedPartial.UNKNOWN_START, VoskRecognizer.parsePartial("{\"partial\":\"hi\"}").startMs());
    }

    @Test
    void parsesVoskJson() {
        List<RecognizedSegment> none = VoskRecognizer.parse("{\"text\" : \"\"}");
        assertEquals(List.of(), none);
        List<RecognizedSegment> segs = VoskRecognizer.parse("{\"result\":[{\"conf\":1.0,\"end\":0.87,\"start\":0.42,"
                + "\"word\":\"hello\"},{\"conf\":0.5,\"end\":1.5,\"start\":0.9,\"word\":\"world\"}],"
                + "\"text\":\"hello world\"}");
        assertEquals(1, segs.size());
        RecognizedSegment s = segs.get(0);
        assertEquals("hello world", s.text());
        assertEquals(420, s.startMs());
        assertEquals(1500, s.endMs());
        assertEquals(0.75, s.confidence(), 1e-9);
        assertEquals(new Word("hello", 420, 870, 1.0), s.words().get(0));
    }
}
