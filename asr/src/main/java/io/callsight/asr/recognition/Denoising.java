package io.callsight.asr.recognition;

/** Which noise suppressor runs ahead of the recognizer. */
public enum Denoising {
    /** Audio goes to the recognizer as decoded. */
    NONE,
    /** Classical Wiener filter with decision-directed SNR and minimum-statistics noise tracking. */
    SPECTRAL,
    /** The trained GRU band-gain model (models/denoiser), RNNoise-style. */
    RNN
}
