package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunking independence and hostile input for the detector. */
class VadStreamingAndEdgeCaseTest {

    private static short[] noisySpeech(int rate, int seconds) {
        double[] speech = VadSignals.speechLike(rate, rate * seconds, 160, 8000, 3);
        for (int i = 0; i < speech.length; i++) {
            if ((i / (rate / 2)) % 3 == 2) {
                speech[i] = 0; // pauses
            }
        }
        double[] noise = VadSignals.scaled(VadSignals.pink(speech.length, 4), 300);
        return VadSignals.toPcm(VadSignals.add(speech, noise));
    }

    private static List<FrameDecision> whole(int rate, short[] pcm) {
        return new VoiceActivityDetector(rate, VadMode.AGGRESSIVE).accept(pcm);
    }

    @Test
    void randomChunkingGivesTheSameDecisionsAsOneBuffer() {
        for (int rate : new int[] {8000, 16000, 32000}) {
            short[] pcm = noisySpeech(rate, 4);
            List<FrameDecision> expected = whole(rate, pcm);
            Random random = new Random(rate);
            for (int trial = 0; trial < 5; trial++) {
                VoiceActivityDetector vad = new VoiceActivityDetector(rate, VadMode.AGGRESSIVE);
                List<FrameDecision> got = new ArrayList<>();
                int pos = 0;
                while (pos < pcm.length) {
                    int n = Math.min(pcm.length - pos, random.nextInt(trial == 0 ? 3 : 700)); // 0..699, zero included
                    got.addAll(vad.accept(java.util.Arrays.copyOfRange(pcm, pos, pos + n)));
                    pos += n;
                }
                assertEquals(expected, got, rate + " Hz, trial " + trial);
            }
            assertTrue(expected.stream().anyMatch(FrameDecision::speech), "the signal has speech");
            assertTrue(expected.stream().anyMatch(d -> !d.speech()), "and pauses");
        }
    }

    @Test
    void oneSampleChunksAndOddSizesCarryPartialFrames() {
        VoiceActivityDetector vad = new VoiceActivityDetector(8000, VadMode.QUALITY);
        assertEquals(List.of(), vad.accept(new short[0]));
        for (int i = 0; i < 79; i++) {
            assertEquals(List.of(), vad.accept(new short[] {(short) i}));
        }
        assertEquals(79, vad.pendingSamples());
        assertEquals(1, vad.accept(new short[] {1}).size());
        assertEquals(0, vad.pendingSamples());
        assertEquals(2, vad.accept(new short[161]).size()); // odd count: 2 frames + 1 sample carried
        assertEquals(1, vad.pendingSamples());
        assertEquals(3, vad.framesProcessed());
        List<FrameDecision> last = vad.accept(new short[79]);
        assertEquals(1, last.size());
        assertEquals(3, last.get(0).index());
    }

    @Test
    void offsetAndLengthOverloadReadsOnlyTheSlice() {
        short[] pcm = noisySpeech(8000, 1);
        short[] padded = new short[pcm.length + 7];
        System.arraycopy(pcm, 0, padded, 3, pcm.length);
        assertEquals(whole(8000, pcm), new VoiceActivityDetector(8000, VadMode.AGGRESSIVE).accept(padded, 3, pcm.length));
        assertThrows(IndexOutOfBoundsException.class, () -> new VoiceActivityDetector(8000).accept(pcm, 5, pcm.length));
    }

    @Test
    void digitalSilenceIsNeverSpeech() {
        for (VadMode mode : VadMode.values()) {
            List<FrameDecision> d = new VoiceActivityDetector(8000, mode).accept(new short[8000 * 5]);
            assertEquals(500, d.size());
            assertTrue(d.stream().noneMatch(FrameDecision::speech), mode.name());
        }
    }

    @Test
    void dcOffsetAloneIsNotSpeechAndDoesNotHideSpeech() {
        int rate = 8000;
        short[] dc = new short[rate * 4];
        java.util.Arrays.fill(dc, (short) 10000);
        List<FrameDecision> d = new VoiceActivityDetector(rate, VadMode.AGGRESSIVE).accept(dc);
        // The 80 Hz high-pass needs a few frames to settle after the step from 0 to +10000.
        long late = d.stream().skip(20).filter(FrameDecision::speech).count();
        assertEquals(0, late, "DC offset after the onset transient");

        double[] speech = VadSignals.speechLike(rate, rate * 2, 150, 8000, 5);
        double[] withDc = new double[rate * 4];
        for (int i = 0; i < withDc.length; i++) {
            withDc[i] = 10000 + (i >= rate && i < 3 * rate ? speech[i - rate] : 0);
        }
        List<FrameDecision> s = new VoiceActivityDetector(rate, VadMode.AGGRESSIVE).accept(VadSignals.toPcm(withDc));
        long detected = s.subList(100, 300).stream().filter(FrameDecision::speech).count();
        assertTrue(detected >= 190, "speech on a +10000 DC offset: " + detected + "/200 frames");
    }

    @Test
    void clippedFullScaleSquareWaveAndExtremesDoNotBreakIt() {
        for (int rate : new int[] {8000, 16000}) {
            short[] square = new short[rate * 3];
            for (int i = 0; i < square.length; i++) {
                square[i] = (i / (rate / 400)) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE; // 200 Hz, full scale
            }
            List<FrameDecision> d = new VoiceActivityDetector(rate, VadMode.QUALITY).accept(square);
            assertEquals(300, d.size());

            short[] extremes = new short[rate];
            Random random = new Random(1);
            for (int i = 0; i < extremes.length; i++) {
                extremes[i] = random.nextBoolean() ? Short.MIN_VALUE : Short.MAX_VALUE;
            }
            assertEquals(100, new VoiceActivityDetector(rate, VadMode.VERY_AGGRESSIVE).accept(extremes).size());
            short[] minOnly = new short[rate];
            java.util.Arrays.fill(minOnly, Short.MIN_VALUE);
            assertEquals(100, new VoiceActivityDetector(rate).accept(minOnly).size());
        }
    }

    @Test
    void loudSpeechIsStillSpeechAfterClipping() {
        double[] speech = VadSignals.speechLike(8000, 16000, 140, 60000, 9); // twice full scale: hard clipped
        short[] pcm = VadSignals.toPcm(speech);
        long detected = whole(8000, pcm).stream().filter(FrameDecision::speech).count();
        assertTrue(detected >= 190, "clipped speech frames detected: " + detected + "/200");
    }

    @Test
    void resetStartsAFreshStream() {
        short[] pcm = noisySpeech(8000, 2);
        VoiceActivityDetector vad = new VoiceActivityDetector(8000, VadMode.AGGRESSIVE);
        List<FrameDecision> first = vad.accept(pcm);
        vad.accept(new short[37]);
        vad.reset();
        assertEquals(first, vad.accept(pcm));
    }

    @Test
    void unsupportedRatesAndModesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new VoiceActivityDetector(22050));
        assertThrows(IllegalArgumentException.class, () -> new VoiceActivityDetector(44100));
        assertThrows(IllegalArgumentException.class, () -> VadMode.ofLevel(4));
        assertEquals(VadMode.AGGRESSIVE, VadMode.ofLevel(2));
    }
}
