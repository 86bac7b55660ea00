package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.NoiseType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tone class through a noisy μ-law line: white and pink noise at 20 and 10 dB SNR, a frequency error of
 * ±0.5 %, the audio starting anywhere in the cadence.
 */
class CallProgressToneTest {
    private static final int RING_TIMEOUT_MS = 12_000;

    static Stream<Arguments> lines() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (NoiseType noise : new NoiseType[] {NoiseType.WHITE, NoiseType.PINK}) {
            for (double snr : new double[] {20, 10}) {
                out.add(Arguments.of(noise, snr, seed++));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> planTones() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments line : lines().toList()) {
            for (TonePlan plan : TonePlan.defaults()) {
                for (ToneSpec spec : plan.tones()) {
                    Object[] a = line.get();
                    out.add(Arguments.of(spec, a[0], a[1], a[2]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1} noise at {2} dB")
    @MethodSource("planTones")
    void planTonesAreRecognizedByFrequencyAndCadence(ToneSpec spec, NoiseType noise, double snr, long seed) {
        int cycle = java.util.Arrays.stream(spec.cadenceMs()).sum();
        int phase = (int) (seed * 977 % cycle);
        double drift = (seed % 2 == 0 ? 1 : -1) * 0.005;
        CallProgressDetector detector = new CallProgressDetector(CallProgressConfig.defaults().withRingTimeoutMs(RING_TIMEOUT_MS));
        boolean ring = spec.kind() == ToneKind.RINGBACK;
        // the ring timeout runs from the first whole ring: the audio may begin with the last milliseconds of one
        float[] tone = CallProgressTones.cadenced(spec, ring ? RING_TIMEOUT_MS + cycle + 1000 : 6000, phase, -22, drift);
        List<CallProgressEvent> events = Calls.run(detector, Calls.line(tone, noise, snr, seed));
        CallProgressEvent.Status decision = Calls.decision(events);
        if (ring) {
            CallProgressEvent.Status ringing = Calls.ringing(events).orElseThrow(() -> new AssertionError("no RINGING: " + events));
            assertTrue(ringing.atMs() < 2500 + cycle, "RINGING only at " + ringing.atMs());
            assertEquals(spec.name(), ((Evidence.Tone) ringing.evidence()).tone());
            assertEquals(DialStatus.NO_ANSWER, decision.status(), events.toString());
            Evidence.RingTimeout evidence = (Evidence.RingTimeout) decision.evidence();
            assertTrue(evidence.ringingMs() >= RING_TIMEOUT_MS && evidence.ringingMs() < RING_TIMEOUT_MS + 100, evidence.summary());
            assertTrue(Calls.answer(events).isEmpty(), "a call that only rang was never answered: " + events);
        } else {
            assertEquals(DialStatus.BUSY, decision.status(), events.toString());
            Evidence.Tone evidence = (Evidence.Tone) decision.evidence();
            assertEquals(spec.kind(), evidence.kind(), evidence.summary());
            // two whole bursts and the gap between them, whatever the phase the audio started in
            assertTrue(decision.atMs() <= 2 * cycle + spec.onMs(0) + 300, "decided at " + decision.atMs() + ": " + evidence.summary());
            assertEquals(3, evidence.cadenceMs().size(), evidence.summary());
            long firstOn = evidence.cadenceMs().get(0);
            boolean matches = java.util.stream.IntStream.range(0, spec.periods())
                    .anyMatch(p -> Math.abs(firstOn - spec.onMs(p)) <= spec.onMs(p) * 0.2 + 80);
            assertTrue(matches, "measured on " + firstOn + " ms is none of " + spec + ": " + evidence.summary());
        }
    }

    static Stream<Arguments> sits() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments line : lines().toList()) {
            for (SitCategory c : new SitCategory[] {SitCategory.INTERCEPT, SitCategory.NO_CIRCUIT, SitCategory.VACANT_CODE,
                    SitCategory.REORDER, SitCategory.ITU_T}) {
                Object[] a = line.get();
                out.add(Arguments.of(c, a[0], a[1], a[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "SIT {0} in {1} noise at {2} dB")
    @MethodSource("sits")
    void specialInformationTonesAreDecodedWithinAboutASecond(SitCategory category, NoiseType noise, double snr, long seed) {
        CallProgressTones.SitCode code = CallProgressTones.sitCode(category);
        int lead = 300;
        float[] audio = Calls.concat(Calls.silence(lead), CallProgressTones.sit(code.hz(), code.segmentMs(), 2000, -20, 0.003));
        List<CallProgressEvent> events = Calls.run(Calls.line(audio, noise, snr, seed));
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.SIT, decision.status(), events.toString());
        Evidence.Sit sit = (Evidence.Sit) decision.evidence();
        assertEquals(category, sit.category(), sit.summary());
        for (int s = 0; s < 3; s++) {
            assertEquals(code.hz()[s], sit.hz().get(s), code.hz()[s] * 0.006, sit.summary());
            assertEquals(code.segmentMs()[s], sit.durationsMs().get(s), 50, sit.summary());
        }
        int total = code.segmentMs()[0] + code.segmentMs()[1] + code.segmentMs()[2];
        assertTrue(decision.atMs() - lead <= total + 150, "decided " + (decision.atMs() - lead) + " ms after the SIT began");
    }

    static Stream<Arguments> faxes() {
        List<Arguments> out = new ArrayList<>();
        for (Arguments line : lines().toList()) {
            for (String tone : new String[] {"CED", "ANSam", "CNG"}) {
                Object[] a = line.get();
                out.add(Arguments.of(tone, a[0], a[1], a[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} in {1} noise at {2} dB")
    @MethodSource("faxes")
    void faxAndModemTonesAreRecognized(String tone, NoiseType noise, double snr, long seed) {
        int lead = 400;
        float[] signal = tone.equals("CNG") ? CallProgressTones.callingTone(9000, 0, -16, 0.004)
                : CallProgressTones.answerTone(3000, -16, -0.003, tone.equals("ANSam"));
        List<CallProgressEvent> events = Calls.run(Calls.line(Calls.concat(Calls.silence(lead), signal), noise, snr, seed));
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.FAX, decision.status(), events.toString());
        Evidence.Fax fax = (Evidence.Fax) decision.evidence();
        boolean cng = tone.equals("CNG");
        assertEquals(cng ? "CNG" : "CED", fax.tone());
        assertEquals(cng ? 1100 * 1.004 : 2100 * 0.997, fax.hz(), 4, fax.summary());
        // CED after 0.8 s of it; CNG after its second burst, 3.5 s after the first began
        long expected = cng ? 4000 : 800;
        assertEquals(expected, decision.atMs() - lead, 150, fax.summary());
    }
}
