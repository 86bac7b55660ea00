package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the real MaryTTS (about 3 s to start, under a second per sentence). */
class MaryTtsSynthesizerTest {
    private static final String SENTENCE = "Thank you for calling, this call may be recorded for quality and training.";
    private static MaryTtsSynthesizer mary;

    @BeforeAll
    static void startMary() {
        mary = new MaryTtsSynthesizer();
    }

    @Test
    void everyVoiceSpeaksAudibly() {
        for (Voice voice : Voice.values()) {
            short[] audio = mary.synthesize(SENTENCE, voice);
            double seconds = (double) audio.length / mary.sampleRate();
            assertTrue(seconds > 2 && seconds < 10, voice + ": implausible length " + seconds + " s");
            assertTrue(rms(audio) > 500, voice + ": nearly silent, rms " + rms(audio));
        }
    }

    @Test
    void agentVoiceIsClearlyLowerThanCustomerVoice() {
        double customer = PitchEstimator.medianPitchHz(mary.synthesize(SENTENCE, Voice.CUSTOMER), mary.sampleRate());
        double agent = PitchEstimator.medianPitchHz(mary.synthesize(SENTENCE, Voice.AGENT), mary.sampleRate());
        System.out.printf("median pitch: customer %.0f Hz, agent %.0f Hz%n", customer, agent);
        assertTrue(customer > 130 && customer < 250, "customer pitch " + customer);
        assertTrue(agent < customer * 0.75, "agent " + agent + " Hz is not clearly below customer " + customer + " Hz");
    }

    @Test
    void synthesisIsDeterministic() {
        // Demo audio is regenerated on other machines; the reference timings only hold if output repeats.
        assertArrayEquals(mary.synthesize("Okay, thanks.", Voice.AGENT), mary.synthesize("Okay, thanks.", Voice.AGENT));
    }

    @Test
    void maryWritesNoLogIntoTheWorkingDirectory() {
        assertFalse(Files.exists(Path.of("log", "server.log")), "MaryTTS wrote ./log/server.log");
    }

    private static double rms(short[] audio) {
        double sum = 0;
        for (short s : audio) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / audio.length);
    }
}
