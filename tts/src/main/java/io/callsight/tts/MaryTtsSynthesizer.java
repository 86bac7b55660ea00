package io.callsight.tts;

import io.callsight.asr.audio.Resampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.Version;
import marytts.exceptions.MaryConfigurationException;
import marytts.exceptions.SynthesisException;

/**
 * {@link SpeechSynthesizer} on an embedded MaryTTS 5.2 with the {@value #MARY_VOICE} HMM voice.
 *
 * <p>The first instance starts MaryTTS (a few seconds); later ones share the running system. Output is
 * reproducible: the same text and voice give the same samples.
 */
public final class MaryTtsSynthesizer implements SpeechSynthesizer {
    public static final String MARY_VOICE = "cmu-slt-hsmm";
    /** Log level and appender for MaryTTS's own logger; naming only stderr keeps its log file unused. */
    private static final String MARY_LOGGING = "WARN, stderr";
    /**
     * MaryTTS is one process-wide system whose modules are not thread safe, and every LocalMaryInterface
     * drives the same modules: one lock for all instances, not one per instance.
     */
    private static final Object MARY_LOCK = new Object();

    private final LocalMaryInterface mary;
    private final int sampleRate;

    /** Starts MaryTTS with its base directory (where it would put logs) under the system temp dir. */
    public MaryTtsSynthesizer() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "callsight-marytts"));
    }

    /**
     * @param maryBase directory MaryTTS treats as its installation; without one it uses the working
     *     directory and writes {@code ./log/server.log} wherever the program happens to run
     */
    public MaryTtsSynthesizer(Path maryBase) {
        synchronized (MARY_LOCK) {
            configureMaryEnvironment(maryBase);
            try {
                this.mary = new LocalMaryInterface();
                mary.setVoice(MARY_VOICE);
                mary.setInputType("SSML"); // voices differ by SSML prosody, see Voice
            } catch (MaryConfigurationException | IllegalArgumentException e) {
                throw new SpeechSynthesisException("cannot start MaryTTS with voice " + MARY_VOICE, e);
            }
            // No cheap API tells the output rate (it came out at 48 kHz here), so speak once and read it off
            // the returned stream; this also warms MaryTTS up before the first real sentence.
            this.sampleRate = synthesizeAtNativeRate("Hello.", Voice.CUSTOMER).rate();
        }
    }

    @Override
    public short[] synthesize(String text, Voice voice) {
        synchronized (MARY_LOCK) {
            NativeAudio audio = synthesizeAtNativeRate(text, voice);
            // Guards against output at another rate than the first sentence's: callers rely on one rate.
            return audio.rate() == sampleRate ? audio.samples() : Resampler.resample(audio.samples(), audio.rate(), sampleRate);
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String engineVersion() {
        return "marytts-" + Version.specificationVersion() + "/" + MARY_VOICE;
    }

    private NativeAudio synthesizeAtNativeRate(String text, Voice voice) {
        // Set on every call, under the lock: the effects chain is per interface state, not per request, and
        // a voice without effects must not inherit the previous caller voice's.
        mary.setAudioEffects(voice.audioEffects().isEmpty() ? null : voice.audioEffects());
        try (AudioInputStream stream = mary.generateAudio(SsmlDocuments.speak(text, voice))) {
            int rate = Math.round(stream.getFormat().getSampleRate());
            return new NativeAudio(AudioStreams.readPcm16Mono(stream), rate);
        } catch (SynthesisException | IOException e) {
            throw new SpeechSynthesisException("MaryTTS failed to speak \"" + text + "\" as " + voice, e);
        }
    }

    /** Must run before MaryTTS starts: it reads these once at startup. Explicit settings by the caller win. */
    private static void configureMaryEnvironment(Path maryBase) {
        if (System.getProperty("mary.base") == null) {
            try {
                Files.createDirectories(maryBase);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create MaryTTS base directory " + maryBase, e);
            }
            System.setProperty("mary.base", maryBase.toAbsolutePath().toString());
        }
        if (System.getProperty("log4j.logger.marytts") == null) {
            System.setProperty("log4j.logger.marytts", MARY_LOGGING);
        }
    }

    private record NativeAudio(short[] samples, int rate) {
    }
}
