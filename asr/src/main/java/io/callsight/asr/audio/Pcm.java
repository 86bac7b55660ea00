package io.callsight.asr.audio;

import io.callsight.events.AudioCodec;

/** Conversions between codec payloads and linear 16-bit samples. */
public final class Pcm {
    private Pcm() {
    }

    public static short[] decode(AudioCodec codec, byte[] payload) {
        return switch (codec) {
            case PCMU -> G711.ulawDecode(payload);
            case PCMA -> G711.alawDecode(payload);
            case L16 -> fromLittleEndian(payload);
        };
    }

    public static byte[] encode(AudioCodec codec, short[] samples) {
        return switch (codec) {
            case PCMU -> G711.ulawEncode(samples);
            case PCMA -> G711.alawEncode(samples);
            case L16 -> toLittleEndian(samples);
        };
    }

    public static short[] fromLittleEndian(byte[] bytes) {
        if (bytes.length % 2 != 0) {
            throw new IllegalArgumentException("odd byte count " + bytes.length + " for 16-bit samples");
        }
        short[] out = new short[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return out;
    }

    public static byte[] toLittleEndian(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }
}
