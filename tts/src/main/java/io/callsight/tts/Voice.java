package io.callsight.tts;

import io.callsight.events.Track;
import java.util.List;

/**
 * The voices Callsight speaks in. Maven Central carries a single MaryTTS voice (cmu-slt, a female US English
 * speaker), so every other voice is derived from it.
 *
 * <p>The demo-call voices change it with SSML {@code <prosody>}, not with MaryTTS audio effects such as
 * {@code F0Add(f0Add:-80.0)+Rate(durScale:1.1)}, which sound the same but were not reproducible: rendering
 * the same calls twice once gave one agent line with slightly different samples. MaryTTS's bytecode suggests
 * why: for every section of a request it resets and re-applies the effect parameters on the shared voice
 * data while the previous section's vocoder thread may still be reading them. Prosody is applied to the
 * targets before vocoding and leaves the shared voice data at its defaults.
 *
 * <p>The caller voices, spoken by the call simulator at the bot, do use audio effects: they exist to sound
 * unlike the bot (which speaks the plain voice), and a sample-level difference between two renderings of a
 * caller line does not matter there. {@code TractScaler} would make a more different-sounding speaker but
 * made speech unrecognizable for Vosk, and every voice here is spoken to be transcribed.
 */
public enum Voice {
    /** The plain cmu-slt voice, median pitch about 165 Hz. */
    CUSTOMER("", "", ""),
    /** cmu-slt 40 % lower (median about 95 Hz) and 10 % slower: clearly a second speaker. */
    AGENT("-40%", "-10%", ""),
    /** A low, unhurried caller: 80 Hz lower and 10 % slower (median about 92 Hz). */
    CALLER_LOW("", "", "F0Add(f0Add:-80.0)+Rate(durScale:1.1)"),
    /** A higher, brisk caller: 40 Hz higher and 15 % faster (median about 212 Hz). */
    CALLER_BRISK("", "", "F0Add(f0Add:40.0)+Rate(durScale:0.85)"),
    /** A flat, mid-low caller: half the pitch movement, 50 Hz lower (median about 122 Hz). */
    CALLER_FLAT("", "", "F0Scale(f0Scale:0.5)+F0Add(f0Add:-50.0)");

    private final String ssmlPitch;
    private final String ssmlRate;
    private final String audioEffects;

    Voice(String ssmlPitch, String ssmlRate, String audioEffects) {
        this.ssmlPitch = ssmlPitch;
        this.ssmlRate = ssmlRate;
        this.audioEffects = audioEffects;
    }

    /** SSML {@code <prosody pitch>} value, empty for the voice's own pitch. */
    public String ssmlPitch() {
        return ssmlPitch;
    }

    /** SSML {@code <prosody rate>} value, empty for the voice's own speaking rate. */
    public String ssmlRate() {
        return ssmlRate;
    }

    /** MaryTTS audio-effects chain ({@code LocalMaryInterface.setAudioEffects}), empty for none. */
    public String audioEffects() {
        return audioEffects;
    }

    /**
     * Everything that decides how this voice sounds: audio cached under it is stale once any of it changes,
     * even if the constant keeps its name.
     */
    public String fingerprint() {
        return name() + "|pitch=" + ssmlPitch + "|rate=" + ssmlRate + "|effects=" + audioEffects;
    }

    /** The voices demo calls and the TTS speech corpus are rendered in; adding a caller voice leaves them as they were. */
    public static List<Voice> demoCallVoices() {
        return List.of(CUSTOMER, AGENT);
    }

    /** The voices a simulated caller may speak in: none of them sounds like the bot's plain voice. */
    public static List<Voice> callerVoices() {
        return List.of(CALLER_LOW, CALLER_BRISK, CALLER_FLAT);
    }

    /** The voice a call party speaks with: agents get the lower derived voice, customers the plain one. */
    public static Voice forTrack(Track track) {
        return switch (track) {
            case AGENT -> AGENT;
            case CUSTOMER -> CUSTOMER;
            case BOT -> throw new IllegalArgumentException("demo calls have no BOT track");
        };
    }
}
