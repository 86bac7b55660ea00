package io.callsight.voicebot.twilio;

import java.util.Base64;

/** Inbound messages as Twilio writes them (spec §8), for driving a session by hand. */
public final class Messages {
    public static final String SID = "MZ2d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a";
    public static final String CALL = "CA7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";
    public static final String ACCOUNT = "AC5f0e7d2c9b8a47f6a3e1d0c9b8a7f6e5";

    private Messages() {
    }

    public static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    public static String start(long seq, String customParametersJson) {
        return "{\"event\":\"start\",\"sequenceNumber\":\"" + seq + "\",\"start\":{\"accountSid\":\"" + ACCOUNT
                + "\",\"streamSid\":\"" + SID + "\",\"callSid\":\"" + CALL + "\",\"tracks\":[\"inbound\"],"
                + "\"customParameters\":" + customParametersJson + ",\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\","
                + "\"sampleRate\":8000,\"channels\":1}},\"streamSid\":\"" + SID + "\"}";
    }

    public static String start() {
        return start(1, "{\"tenant\":\"acme\",\"botFlow\":\"billing-v3\"}");
    }

    public static String media(long seq, long chunk, long timestamp, byte[] payload) {
        return media(seq, SID, "inbound", chunk, timestamp, payload);
    }

    public static String media(long seq, String sid, String track, long chunk, long timestamp, byte[] payload) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + seq + "\",\"media\":{\"track\":\"" + track
                + "\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestamp + "\",\"payload\":\""
                + Base64.getEncoder().encodeToString(payload) + "\"},\"streamSid\":\"" + sid + "\"}";
    }

    public static String dtmf(long seq, char digit) {
        return "{\"event\":\"dtmf\",\"streamSid\":\"" + SID + "\",\"sequenceNumber\":\"" + seq
                + "\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"" + digit + "\"}}";
    }

    public static String mark(long seq, String name) {
        return "{\"event\":\"mark\",\"sequenceNumber\":\"" + seq + "\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\""
                + name + "\"}}";
    }

    public static String stop(long seq) {
        return stop(seq, SID);
    }

    public static String stop(long seq, String sid) {
        return "{\"event\":\"stop\",\"sequenceNumber\":\"" + seq + "\",\"stop\":{\"accountSid\":\"" + ACCOUNT
                + "\",\"callSid\":\"" + CALL + "\"},\"streamSid\":\"" + sid + "\"}";
    }

    /** {@code n} bytes of a "voice": anything but µ-law silence (0xFF / 0x7F). */
    public static byte[] voice(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0x10 + i % 0x60);
        }
        return b;
    }
}
