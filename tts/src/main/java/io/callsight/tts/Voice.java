package io.callsight.tts;

import io.callsight.events.Track;

/**
 * The voices the demo calls are spoken in. Maven Central carries a single MaryTTS voice (cmu-slt, a female
 * US English speaker), so the second voice is derived from it by changing its prosody.
 *
 * <p>The change is made with SSML {@code <prosody>}, not with MaryTTS audio effects such as
 * {@code F0Add(f0Add:-80.0)+Rate(durScale:1.1)}, which sound the same but were not reproducible: rendering
 * the same calls twice once gave one agent line with slightly different samples. MaryTTS's bytecode suggests
 * why: for every section of a request it resets and re-applies the effect parameters on the shared voice
 * data while the previous section's vocoder thread may still be reading them. Prosody is applied to the
 * targets before vocoding and leaves the shared voice data at its defaults. {@code TractScaler} would make a more different-sounding speaker but made speech
 * unrecognizable for Vosk, and these calls exist to be transcribed.
 */
public enum Voice {
    /** The plain cmu-slt voice, median pitch about 165 Hz. */
    CUSTOMER("", ""),
    /** cmu-slt 40 % lower (median about 95 Hz) and 10 % slower: clearly a second speaker. */
    AGENT("-40%", "-10%");

    private final String ssmlPitch;
    private final String ssmlRate;

    Voice(String ssmlPitch, String ssmlRate) {
        this.ssmlPitch = ssmlPitch;
        this.ssmlRate = ssmlRate;
    }

    /** SSML {@code <prosody pitch>} value, empty for the voice's own pitch. */
    public String ssmlPitch() {
        return ssmlPitch;
    }

    /** SSML {@code <prosody rate>} value, empty for the voice's own speaking rate. */
    public String ssmlRate() {
        return ssmlRate;
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
