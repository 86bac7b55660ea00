package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.asr.recognition.RecognizedSegment;
import io.callsight.asr.recognition.SpeechRecognizer;
import io.callsight.asr.recognition.VoskRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's caller voices go through the phone line (8 kHz μ-law) into Vosk like a real caller: each
 * must be understood, and sound unlike the bot's plain voice.
 */
class CallerVoicesTest {
    private static final String SENTENCE = "I would like to check the balance of my savings account please.";
    /** DESIGN.md measured one insertion in fourteen words for the low voice; a few more errors still pass. */
    private static final double MAX_WER = 0.25;
    private static final int PHONE_RATE = 8000;

    private static MaryTtsSynthesizer mary;
    private static VoskRecognizer vosk;

    @BeforeAll
    static void start() {
        mary = new MaryTtsSynthesizer();
        vosk = VoskRecognizer.withDefaultModel();
    }

    @AfterAll
    static void stop() {
        vosk.close();
    }

    @Test
    void everyCallerVoiceIsRecognizedOverThePhoneAndSoundsUnlikeTheBot() {
        double botPitch = PitchEstimator.medianPitchHz(mary.synthesize(SENTENCE, Voice.CUSTOMER), mary.sampleRate());
        List<String> failures = new ArrayList<>();
        for (Voice voice : Voice.callerVoices()) {
            short[] audio = mary.synthesize(SENTENCE, voice);
            double pitch = PitchEstimator.medianPitchHz(audio, mary.sampleRate());
            String heard = transcribeThroughPhoneLine(audio, mary.sampleRate());
            double wer = WordErrorRate.of(SENTENCE, heard);
            double seconds = (double) audio.length / mary.sampleRate();
            System.out.printf("%-12s median pitch %3.0f Hz (bot %3.0f), %.2f s, WER %.2f: %s%n",
                    voice, pitch, botPitch, seconds, wer, heard);
            if (wer > MAX_WER) {
                failures.add(voice + " WER " + wer + " heard \"" + heard + "\"");
            }
            if (Math.abs(pitch - botPitch) < 25) {
                failures.add(voice + " pitch " + pitch + " Hz is too close to the bot's " + botPitch + " Hz");
            }
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }

    @Test
    void aVoiceWithoutEffectsIsNotChangedByTheCallerVoiceBeforeIt() {
        short[] before = mary.synthesize("Okay, thanks.", Voice.CUSTOMER);
        mary.synthesize("Okay, thanks.", Voice.CALLER_LOW);
        assertArrayEquals(before, mary.synthesize("Okay, thanks.", Voice.CUSTOMER));
    }

    private static String transcribeThroughPhoneLine(short[] audio, int rate) {
        byte[] line = G711.ulawEncode(Resampler.resample(audio, rate, PHONE_RATE));
        short[] wideband = Resampler.resample(G711.ulawDecode(line), PHONE_RATE, vosk.sampleRate());
        try (SpeechRecognizer.Stream stream = vosk.openStream()) {
            List<RecognizedSegment> segments = new ArrayList<>(stream.accept(wideband));
            segments.addAll(stream.finish());
            return segments.stream().map(RecognizedSegment::text).collect(Collectors.joining(" ")).strip();
        }
    }
}
