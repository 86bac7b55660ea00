package io.callsight.asr.recognition;

import io.callsight.asr.vad.VadConfig;

/**
 * What runs between the decoded telephone audio and the recognizer: optional noise suppression (at the
 * line's own rate, where the speech band is), then resampling, then VAD gating, which skips long silences
 * that cost decoding time and give the recognizer nothing but chances to hallucinate.
 */
public record FrontEndConfig(Denoising denoising, boolean vad, VadConfig vadConfig) implements java.io.Serializable {

    /**
     * What {@code callsight bench frontend} measured best over its conditions (docs/benchmarks.md): RNN
     * suppression (denoiser v3). It cuts WER at 5–10 dB by 26 % pooled over pink noise, call-center babble and
     * hum (−20 to −57 % per condition, a tie in babble at 5 dB) and costs 0.2 points on clean calls. VAD gating
     * off: on these calls it saves at most 17 % of the decoding CPU (their pauses are digital silence Vosk
     * decodes far faster than speech), and in line noise the detector cut words (+6 to +10 WER points at 20 dB
     * white noise).
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
