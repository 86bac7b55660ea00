package io.callsight.asr.recognition;

import io.callsight.asr.vad.VadConfig;

/**
 * What runs between the decoded telephone audio and the recognizer: optional noise suppression (at the
 * line's own rate, where the speech band is), then resampling, then VAD gating, which skips long silences
 * that cost decoding time and give the recognizer nothing but chances to hallucinate.
 */
public record FrontEndConfig(Denoising denoising, boolean vad, VadConfig vadConfig) implements java.io.Serializable {

    /**
     * What {@code callsight bench frontend} measured best over all its conditions (docs/benchmarks.md): no
     * suppression. RNN suppression cuts WER by 22–48 % in street-like (pink) noise and hum at 5–10 dB, but costs
     * 0.8 points on clean calls and raises it in babble (the recognizer transcribes the babble, and the network
     * keeps voices), so it is a per-line choice ({@code --denoise rnn}). VAD gating off: on these calls it saves at
     * most 14 % of the decoding CPU (their pauses are digital silence Vosk decodes at ~38x real time), and in line
     * noise it cut words (+10 WER points at 20 dB white noise).
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
