package io.callsight.asr.noise;

/** The kinds of noise {@link NoiseGenerator} synthesizes. */
public enum NoiseType {
    /** Flat spectrum (Gaussian). */
    WHITE,
    /** 1/f power spectrum, -3 dB per octave. */
    PINK,
    /** 1/f² power spectrum, -6 dB per octave (integrated white noise). */
    BROWN,
    /** Mains hum: 50 or 60 Hz and its harmonics, slightly drifting. */
    HUM,
    /** Sparse clicks and pops: short decaying impulses. */
    CLICKS,
    /** Music-like: chords of harmonic tones with attack/decay envelopes. */
    TONES,
    /** Several talkers at once, built from speech supplied by the caller. */
    BABBLE
}
