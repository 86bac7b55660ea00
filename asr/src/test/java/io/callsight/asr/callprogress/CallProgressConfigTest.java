package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsight.asr.vad.VadMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallProgressConfigTest {
    @Test
    void invalidThresholdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CallProgressConfig.defaults().withRingTimeoutMs(0));
        assertThrows(IllegalArgumentException.class, () -> CallProgressConfig.defaults().withPlans(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new CallProgressConfig.Amd(VadMode.AGGRESSIVE, 100, 0, 1000, 4000, 5000));
        assertThrows(IllegalArgumentException.class, () -> new CallProgressConfig.Tones(1.5, 0.15, 10, -50, 0.015, 60, 100, 0.2, 80, 2, 300));
        assertThrows(IllegalArgumentException.class, () -> new CallProgressConfig.Tones(0.6, 0.15, 10, -50, 0.015, 60, 100, 0.2, 80, 1, 300));
        assertThrows(IllegalArgumentException.class, () -> new BeepDetector.Config(2000, 400, 150, 0.6, 0.005, 5, 0.006, 4, 60));
        assertThrows(IllegalArgumentException.class, () -> ToneSpec.of("three tones", ToneKind.BUSY, new double[] {1, 2, 3}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ToneSpec.of("odd cadence", ToneKind.BUSY, new double[] {400}, 1, 1, 1));
    }

    @Test
    void toneSpecsAreValuesWithSortedFrequencies() {
        ToneSpec a = ToneSpec.of("x", ToneKind.BUSY, new double[] {620, 480}, 500, 500);
        ToneSpec b = ToneSpec.of("x", ToneKind.BUSY, new double[] {480, 620}, 500, 500);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("480+620 Hz", a.frequencyLabel());
        double[] hz = a.hz();
        hz[0] = 1;
        assertEquals(480, a.hz()[0], "accessors hand out copies");
    }

    @Test
    void aDetectorListensOnlyForTheConfiguredPlans() {
        CallProgressConfig usOnly = CallProgressConfig.defaults().withPlans(List.of(TonePlan.northAmerica()));
        float[] euBusy = CallProgressTones.cadenced(TonePlan.europe().tone(ToneKind.BUSY), 5000, 0, -20, 0);
        CallProgressDetector detector = new CallProgressDetector(usOnly);
        CallProgressEvent.Status decision = Calls.decision(Calls.run(detector, io.callsight.asr.noise.Mixer.toPcm(euBusy)));
        assertEquals(DialStatus.NO_ANSWER, decision.status(), "425 Hz means nothing to a US-only detector: " + decision);
    }
}
