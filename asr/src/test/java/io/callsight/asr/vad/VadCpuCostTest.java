package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CPU cost of the front-end per track: the budget is 5% of one core, i.e. 500 µs per 10 ms frame. */
class VadCpuCostTest {

    @Test
    void detectorAndGateCostPerFrame() {
        for (int rate : new int[] {8000, 16000}) {
            int seconds = 60;
            double[] speech = VadSignals.speechLike(rate, rate * seconds, 150, 6000, 1);
            for (int i = 0; i < speech.length; i++) {
                if ((i / rate) % 2 == 0) {
                    speech[i] = 0;
                }
            }
            short[] pcm = VadSignals.toPcm(VadSignals.add(speech, VadSignals.scaled(VadSignals.pink(speech.length, 3), 200)));
            int chunk = rate / 50; // 20 ms chunks, as frames arrive from the softswitch
            long best = Long.MAX_VALUE;
            long bestGate = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) { // first rounds warm the JIT up
                VoiceActivityDetector vad = new VoiceActivityDetector(rate, VadMode.AGGRESSIVE);
                long t0 = System.nanoTime();
                for (int pos = 0; pos + chunk <= pcm.length; pos += chunk) {
                    vad.accept(pcm, pos, chunk);
                }
                best = Math.min(best, System.nanoTime() - t0);
                VadGate gate = new VadGate(rate);
                t0 = System.nanoTime();
                for (int pos = 0; pos + chunk <= pcm.length; pos += chunk) {
                    gate.accept(java.util.Arrays.copyOfRange(pcm, pos, pos + chunk));
                }
                gate.finish();
                bestGate = Math.min(bestGate, System.nanoTime() - t0);
            }
            long frames = seconds * 100L;
            double nsPerFrame = (double) best / frames;
            double gateNsPerFrame = (double) bestGate / frames;
            System.out.printf("VAD %d Hz: %.0f ns per 10 ms frame = %.3f%% of a core; gate incl. VAD %.0f ns/frame "
                    + "= %.3f%%%n", rate, nsPerFrame, nsPerFrame / 10_000_000 * 100, gateNsPerFrame,
                    gateNsPerFrame / 10_000_000 * 100);
            assertTrue(gateNsPerFrame < 500_000, "over the 5% budget: " + gateNsPerFrame + " ns/frame");
        }
    }
}
