package io.callsight.asr.recognition;

import io.callsight.asr.vad.VadConfig;

/**
 * What runs between the decoded telephone audio and the recognizer: optional noise suppression (at the
 * line's own rate, where the speech band is), then resampling, then VAD gating, which skips long silences
 * that cost decoding time and give the recognizer nothing but chances to hallucinate.
 */
public record FrontEndConfig(Denoising denoising, boolean vad, VadConfig vadConfig) implements java.io.Serializable {

    /**
     * What {@code callsight bench frontend} measured best on the demo calls: VAD gating off (their pauses are
     * digital silence that Vosk decodes almost for free, so gating gave 1.10x, not 1.5x, and cost 3-5 WER
     * points); no denoising until the RNN's WER gain in noise is measured.
     */
    public static FrontEndConfig defaults() {
        return new FrontEndConfig(Denoising.NONE, false, VadConfig.defaults());
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
