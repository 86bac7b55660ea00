package io.callsight.voicebot;

import java.util.Arrays;

/** The audio of Media Streams in both directions (spec §3): G.711 µ-law, 8 kHz, mono, one byte per sample. */
public final class Ulaw {
    /** µ-law of a zero sample: what fills a gap so a recogniser hears silence, not a click. */
    public static final byte SILENCE = (byte) 0xFF;
    public static final int BYTES_PER_MS = 8;
    public static final int BYTES_PER_SECOND = 8_000;
    /** 20 ms, the cadence of Twilio's media messages (§4.3) and the unit outbound messages are cut in (§5.1). */
    public static final int FRAME_BYTES = 160;

    private Ulaw() {
    }

    public static byte[] silence(int bytes) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, SILENCE);
        return b;
    }

    /**
     * One µ-law byte as a linear 16-bit sample (G.711 expansion). {@code callsight-asr}'s G711 has the whole codec;
     * the gateway needs only this, for a voice-activity level, and not asr's native dependencies.
     */
    public static int toLinear(byte code) {
        int u = ~code & 0xFF;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** Mean absolute amplitude of µ-law audio, 0 to 32124: a crude level for telling speech from a quiet line. */
    public static int level(byte[] ulaw) {
        if (ulaw.length == 0) {
            return 0;
        }
        long sum = 0;
        for (byte b : ulaw) {
            sum += Math.abs(toLinear(b));
        }
        return (int) (sum / ulaw.length);
    }

    public static long millis(long bytes) {
        return bytes / BYTES_PER_MS;
    }

    public static long bytes(long millis) {
        return millis * BYTES_PER_MS;
    }
}
