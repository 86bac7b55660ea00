package io.callsight.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.bench.SyntheticCalls;
import io.callsight.asr.audio.Pcm;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames onto one stereo time line: by start time, gaps silent, replays placed once. */
class DualTrackRecordingTest {
    private static final int RATE = 8000;
    private static final int FRAME = 160; // 20 ms

    private static AudioFrame frame(Track track, long seq, long startMs, short value) {
        short[] pcm = new short[FRAME];
        Arrays.fill(pcm, value);
        return new AudioFrame("acme", "call-1", track, seq, startMs, AudioCodec.L16, RATE, Pcm.encode(AudioCodec.L16, pcm), false);
    }

    @Test
    void framesArePlacedByTimeAndGapsStaySilent() {
        List<AudioFrame> frames = new ArrayList<>(List.of(
                frame(Track.CUSTOMER, 0, 1_000, (short) 100),
                frame(Track.CUSTOMER, 1, 1_020, (short) 200),
                // frame 2 (1040-1060) lost
                frame(Track.CUSTOMER, 3, 1_060, (short) 400),
                frame(Track.AGENT, 0, 1_040, (short) -300)));
        Collections.shuffle(frames, new java.util.Random(1));
        DualTrackRecording r = DualTrackRecording.fromFrames(frames);

        assertEquals(80, r.durationMs(), "from the earliest frame to the end of the last");
        short[] customer = r.pcm(Track.CUSTOMER);
        short[] agent = r.pcm(Track.AGENT);
        assertEquals(100, customer[0]);
        assertEquals(100, customer[FRAME - 1]);
        assertEquals(200, customer[FRAME]);
        assertEquals(0, customer[2 * FRAME], "the lost frame is silence, not the next frame moved up");
        assertEquals(0, customer[3 * FRAME - 1]);
        assertEquals(400, customer[3 * FRAME]);
        assertEquals(0, agent[0]);
        assertEquals(-300, agent[2 * FRAME], "the agent's frame sits at its own time, not at sample 0");
        assertEquals(0, agent[3 * FRAME]);
        assertEquals(AudioCodec.L16, r.codec());
    }

    @Test
    void aReplayedFrameIsPlacedOnce() {
        AudioFrame agent = frame(Track.AGENT, 0, 0, (short) 1000);
        DualTrackRecording r = DualTrackRecording.fromFrames(List.of(agent, frame(Track.CUSTOMER, 0, 0, (short) 5), agent,
                frame(Track.AGENT, 1, 20, (short) 7), agent));
        assertEquals(1000, r.pcm(Track.AGENT)[0], "the agent side mixes frames, so a replay would double the level");
        assertEquals(7, r.pcm(Track.AGENT)[FRAME]);
        assertEquals(40, r.durationMs());
    }

    @Test
    void aBotAndAnAgentShareTheInternalSide() {
        DualTrackRecording r = DualTrackRecording.fromFrames(List.of(frame(Track.BOT, 0, 0, (short) 10),
                frame(Track.AGENT, 0, 20, (short) 20), frame(Track.CUSTOMER, 0, 0, (short) 1)));
        assertEquals(10, r.pcm(Track.AGENT)[0]);
        assertEquals(20, r.pcm(Track.BOT)[FRAME]);
    }

    @Test
    void aCustomerOnlyCallIsStereoWithASilentInternalSide() throws Exception {
        List<AudioFrame> frames = SyntheticCalls.customerOnly("acme", "call-1", 2_000, 3);
        DualTrackRecording r = DualTrackRecording.fromFrames(frames);
        assertEquals(2_000, r.durationMs());
        assertEquals(AudioCodec.PCMU, r.codec(), "kept in the codec the call came in");
        WavAudio stereo = WavFile.parse(r.toWav());
        assertEquals(2, stereo.channels());
        assertTrue(Arrays.stream(toInts(stereo.pcm(1))).allMatch(s -> s == 0), "the internal side is silent");
        WavAudio customer = WavFile.parse(r.toWav(Track.CUSTOMER));
        assertEquals(1, customer.channels());
        assertArrayEquals(r.pcm(Track.CUSTOMER), customer.pcm(0));
        assertArrayEquals(r.pcm(Track.CUSTOMER), DualTrackRecording.fromWav(r.toWav()).pcm(Track.CUSTOMER));
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    @Test
    void mixedSampleRatesAndEmptyCallsAreRefused() {
        AudioFrame wide = new AudioFrame("acme", "call-1", Track.AGENT, 0, 0, AudioCodec.L16, 16000, new byte[640], false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DualTrackRecording.fromFrames(List.of(frame(Track.CUSTOMER, 0, 0, (short) 1), wide)));
        assertTrue(e.getMessage().contains("mixes sample rates"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DualTrackRecording.fromFrames(List.of()));
    }
}
