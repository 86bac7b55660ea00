package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.asr.recognition.TrackTranscriberTest.FakeRecognizer;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole-track entry point against a fake recognizer: a thin loop over TrackTranscriber, nothing more. */
class StreamingTranscriptionTest {
    private static final int RATE = 8000;

    /** {@code ms} of a loud μ-law tone, so the bytes are not all one value. */
    private static byte[] ulaw(int ms) {
        short[] pcm = new short[RATE * ms / 1000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return G711.ulawEncode(pcm);
    }

    private static RecordedTrack recording(byte[] audio) {
        return new RecordedTrack("t", "call", Track.CUSTOMER, AudioCodec.PCMU, RATE, audio);
    }

    /** The speech job's way: one TrackTranscriber, frames handed over one at a time as they arrive. */
    private static List<Utterance> frameByFrame(SpeechRecognizer recognizer, byte[] audio, int frameBytes) {
        List<Utterance> said = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(recognizer, "t", "call", Track.CUSTOMER, FrontEndConfig.none())) {
            for (int offset = 0, seq = 0; offset < audio.length; offset += frameBytes, seq++) {
                int end = Math.min(audio.length, offset + frameBytes);
                said.addAll(t.accept(new AudioFrame("t", "call", Track.CUSTOMER, seq, offset * 1000L / RATE,
                        AudioCodec.PCMU, RATE, Arrays.copyOfRange(audio, offset, end), end == audio.length)));
            }
        }
        return said;
    }

    @Test
    void aSlicedRecordingTranscribesToWhatItsFramesGiveOneByOne() {
        byte[] audio = ulaw(3_250); // the last 100 ms frame is cut short: 50 ms
        List<Utterance> sliced = StreamingTranscription.transcribe(new FakeRecognizer(RATE, RATE), recording(audio),
                FrontEndConfig.none(), 100);
        List<Utterance> streamed = frameByFrame(new FakeRecognizer(RATE, RATE), audio, RATE * 30 / 1000);
        assertEquals(streamed, sliced);
        assertEquals(List.of("seg", "seg", "seg", "tail"), sliced.stream().map(Utterance::text).toList());
        assertEquals(List.of(0, 1, 2, 3), sliced.stream().map(Utterance::idx).toList());
        Utterance tail = sliced.get(3);
        assertEquals(3_000, tail.startMs());
        assertEquals(3_250, tail.endMs(), "the short last frame is heard to its end");
    }

    @Test
    void everySampleOfATruncatedLastFrameReachesTheRecognizer() {
        FakeRecognizer fake = new FakeRecognizer(RATE, Integer.MAX_VALUE);
        byte[] audio = ulaw(1_030);
        List<AudioFrame> frames = recording(audio).frames(100);
        assertEquals(11, frames.size());
        assertEquals(30 * RATE / 1000, frames.get(10).payload().length);
        StreamingTranscription.transcribe(fake, "t", "call", Track.CUSTOMER, FrontEndConfig.none(), frames);
        assertEquals(audio.length * 2, fake.fed.size(), "same rate: samples pass through 1:1");
        assertTrue(fake.finished);
        assertEquals(1, fake.closedStreams);
    }

    @Test
    void framesThatStopWithoutAnEndOfTrackAreFinishedAnyway() {
        FakeRecognizer fake = new FakeRecognizer(RATE, RATE);
        List<AudioFrame> frames = recording(ulaw(2_500)).frames(100);
        List<AudioFrame> cut = frames.subList(0, frames.size() - 5); // the stream stopped 500 ms early
        assertFalse(cut.get(cut.size() - 1).endOfTrack());
        List<Utterance> said = StreamingTranscription.transcribe(fake, "t", "call", Track.CUSTOMER,
                FrontEndConfig.none(), cut);
        assertEquals(List.of("seg", "seg"), said.stream().map(Utterance::text).toList());
        assertTrue(fake.finished, "the recognizer is flushed, as the job does for a track gone idle");
        assertEquals(1, fake.closedStreams);
    }

    @Test
    void anEmptyRecordingGivesNothingAndReleasesTheStream() {
        FakeRecognizer fake = new FakeRecognizer(RATE, Integer.MAX_VALUE);
        List<Utterance> said = StreamingTranscription.transcribe(fake, recording(new byte[0]), FrontEndConfig.none(),
                100);
        assertEquals(List.of(), said);
        assertEquals(1, fake.opened);
        assertEquals(1, fake.closedStreams);
    }
}
