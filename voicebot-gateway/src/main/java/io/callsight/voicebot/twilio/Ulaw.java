package io.callsight.voicebot.twilio;

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

    public static long millis(long bytes) {
        return bytes / BYTES_PER_MS;
    }

    public static long bytes(long millis) {
        return millis * BYTES_PER_MS;
    }
}
