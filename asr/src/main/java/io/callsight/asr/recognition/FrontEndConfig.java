package io.callsight.asr.recognition;

import io.callsight.asr.vad.VadConfig;

/**
 * What runs between the decoded telephone audio and the recognizer: optional noise suppression (at the
 * line's own rate, where the speech band is), then resampling, then VAD gating, which skips long silences
 * that cost decoding time and give the recognizer nothing but chances to hallucinate.
 */
public record FrontEndConfig(Denoising denoising, boolean vad, VadConfig vadConfig) implements java.io.Serializable {

    /**
     * What {@code callsight bench frontend} measured best (docs/benchmarks.md): RNN suppression, which cuts WER in
     * noise by about a quarter and costs well under a point on clean audio for 0.4 % of a core per track; VAD
     * gating off, since on these calls it saves at most 14 % of the decoding CPU (their pauses are digital
     * silence Vosk decodes at ~38x real time) and in line noise it cut words (+10 WER points at 20 dB).
     */
    public static FrontEndConfig defaults() {
        return new FrontEndConfig(Denoising.RNN, false, VadConfig.defaults());
    }

    public static FrontEndConfig none() {
        return new FrontEndConfig(Denoising.NONE, false, VadConfig.defaults());
    }

    public FrontEndConfig withVad(boolean on) {
        return new FrontEndConfig(denoising, on, vadConfig);
    }

    public FrontEndConfig withDenoising(Denoising choice) {
        return new FrontEndConfig(choice, vad, vadConfig);
    }

    public FrontEndConfig withVadConfig(VadConfig config) {
        return new FrontEndConfig(denoising, vad, config);
    }
}
