package io.callsight.asr.audio;

/**
 * ITU-T G.711 μ-law and A-law companding. Decoding goes through 256-entry tables built once from the
 * reference expansion formulas; encoding follows the reference segment search.
 */
public final class G711 {
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = expandUlaw(i);
            ALAW_TO_LINEAR[i] = expandAlaw(i);
        }
    }

    private G711() {
    }

    public static short ulawDecode(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static short alawDecode(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    public static byte ulawEncode(short sample) {
        int pcm = sample;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        int exponent = segment(pcm >> 7);
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static byte alawEncode(short sample) {
        int pcm = sample;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        pcm >>= 3;
        int code;
        if (pcm < 32) {
            code = pcm >> 1;
        } else {
            int exponent = segment(pcm >> 5) + 1;
            code = (exponent << 4) | ((pcm >> exponent) & 0x0F);
        }
        return (byte) ((code & 0x7F) ^ mask);
    }

    public static short[] ulawDecode(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = ULAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return out;
    }

    public static short[] alawDecode(byte[] codes) {
        short[] out = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = ALAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return out;
    }

    public static byte[] ulawEncode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = ulawEncode(samples[i]);
        }
        return out;
    }

    public static byte[] alawEncode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = alawEncode(samples[i]);
        }
        return out;
    }

    /** Index of the highest set bit below 8, i.e. the companding segment of a value already shifted down. */
    private static int segment(int value) {
        int seg = 0;
        while (value > 1 && seg < 7) {
            value >>= 1;
            seg++;
        }
        return seg;
    }

    private static short expandUlaw(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    private static short expandAlaw(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
