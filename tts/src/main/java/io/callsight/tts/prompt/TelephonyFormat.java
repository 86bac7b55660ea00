package io.callsight.tts.prompt;

/** The audio a phone line carries and a bot plays into it: G.711 μ-law at 8 kHz in 20 ms frames. */
public final class TelephonyFormat {
    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MS = 20;
    /** One μ-law byte per sample: 160 bytes, the payload of one RTP packet or one Twilio media message. */
    public static final int FRAME_BYTES = SAMPLE_RATE * FRAME_MS / 1000;
    /** μ-law code of a zero sample. */
    public static final byte MULAW_SILENCE = (byte) 0xFF;

    private TelephonyFormat() {
    }
}
