package io.callsight.asr.recognition;

import io.callsight.asr.vad.VadConfig;

/**
 * What runs between the resampler and the recognizer. VAD gating skips long silences, which cost decoding
 * time and give the recognizer nothing but chances to hallucinate.
 */
public record FrontEndConfig(boolean vad, VadConfig vadConfig) implements java.io.Serializable {

    public static FrontEndConfig defaults() {
        return new FrontEndConfig(true, VadConfig.defaults());
    }

    public static FrontEndConfig none() {
        return new FrontEndConfig(false, VadConfig.defaults());
    }

    public FrontEndConfig withVad(boolean on) {
        return new FrontEndConfig(on, vadConfig);
    }
}
