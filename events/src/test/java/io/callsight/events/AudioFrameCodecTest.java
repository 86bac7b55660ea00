package io.callsight.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AudioFrameCodecTest {

    /** Offsets in the encoded form, per the layout documented on {@link AudioFrameCodec}. */
    private static final int VERSION_OFFSET = 2;
    private static final int FLAGS_OFFSET = 3;
    private static final int CODEC_OFFSET = 4;
    private static final int TRACK_OFFSET = 5;
    private static final int RATE_OFFSET = 6;
    private static final int FIXED_HEADER = 2 + 1 + 1 + 1 + 1 + 4 + 8 + 8;

    static Stream<Arguments> allCombinations() {
        List<Arguments> out = new ArrayList<>();
        for (AudioCodec codec : AudioCodec.values()) {
            for (Track track : Track.values()) {
                for (boolean end : new boolean[] {false, true}) {
                    out.add(Arguments.of(codec, track, end));
                }
            }
        }
        return out.stream();
    }

    private static byte[] randomPayload(AudioCodec codec, int samples, long seed) {
        byte[] payload = new byte[samples * codec.bytesPerSample()];
        new Random(seed).nextBytes(payload);
        return payload;
    }

    private static AudioFrame sample(AudioCodec codec, Track track, boolean end) {
        return new AudioFrame("tenant-ä", "call-42", track, 123_456_789_012L, 9_876_543_210L, codec,
                codec == AudioCodec.L16 ? 16_000 : 8_000, randomPayload(codec, 800, 7), end);
    }

    @ParameterizedTest(name = "{0} {1} endOfTrack={2}")
    @MethodSource("allCombinations")
    void roundTripsEveryCodecTrackAndEndFlag(AudioCodec codec, Track track, boolean end) {
        AudioFrame frame = sample(codec, track, end);
        AudioFrame back = AudioFrameCodec.decode(AudioFrameCodec.encode(frame));
        assertEquals(frame, back);
        assertEquals(codec, back.codec());
        assertEquals(track, back.track());
        assertEquals(end, back.endOfTrack());
        assertEquals("tenant-ä", back.tenant());
        assertEquals("call-42", back.callId());
        assertEquals(123_456_789_012L, back.seq());
        assertEquals(9_876_543_210L, back.startMs());
        assertEquals(frame.sampleRate(), back.sampleRate());
        assertArrayEquals(frame.payload(), back.payload());
    }

    @Test
    void roundTripsEmptyEndOfTrackFrameAndExtremeValues() {
        AudioFrame frame = new AudioFrame("", "", Track.BOT, Long.MIN_VALUE, Long.MAX_VALUE, AudioCodec.PCMA,
                Integer.MAX_VALUE, new byte[0], true);
        AudioFrame back = AudioFrameCodec.decode(AudioFrameCodec.encode(frame));
        assertEquals(frame, back);
        assertEquals(0, back.payload().length);
        assertTrue(back.endOfTrack());
    }

    @Test
    void encodedLayoutMatchesDocumentation() {
        AudioFrame frame = sample(AudioCodec.PCMA, Track.AGENT, true);
        byte[] bytes = AudioFrameCodec.encode(frame);
        assertEquals('C', bytes[0]);
        assertEquals('A', bytes[1]);
        assertEquals(1, bytes[VERSION_OFFSET]);
        assertEquals(1, bytes[FLAGS_OFFSET]);
        assertEquals(AudioCodec.PCMA.ordinal(), bytes[CODEC_OFFSET]);
        assertEquals(Track.AGENT.ordinal(), bytes[TRACK_OFFSET]);
        assertEquals(8_000, ByteBuffer.wrap(bytes, RATE_OFFSET, 4).getInt());
        // header + two modified-UTF8 strings (2-byte length each) + payload length + payload
        int expected = FIXED_HEADER + 2 + "tenant-ä".getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + 2 + "call-42".length() + 4 + 800;
        assertEquals(expected, bytes.length);
        assertArrayEquals(frame.payload(), Arrays.copyOfRange(bytes, bytes.length - 800, bytes.length));
    }

    @Test
    void distinctFramesEncodeDistinctly() {
        AudioFrame a = sample(AudioCodec.PCMU, Track.CUSTOMER, false);
        AudioFrame b = sample(AudioCodec.PCMU, Track.CUSTOMER, true);
        assertFalse(Arrays.equals(AudioFrameCodec.encode(a), AudioFrameCodec.encode(b)));
        assertNotEquals(a, b);
    }

    private static MalformedEventException malformed(byte[] data) {
        return assertThrows(MalformedEventException.class, () -> AudioFrameCodec.decode(data));
    }

    private static void assertMessageContains(MalformedEventException e, String... parts) {
        String message = e.getMessage();
        for (String part : parts) {
            assertTrue(message != null && message.toLowerCase().contains(part.toLowerCase()),
                    "message '" + message + "' should mention '" + part + "'");
        }
    }

    @Test
    void rejectsNullAndEmpty() {
        assertMessageContains(malformed(new byte[0]), "empty");
        assertMessageContains(malformed(null), "empty");
        assertMessageContains(malformed(new byte[] {'C'}), "shorter");
    }

    @Test
    void rejectsWrongMagic() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.L16, Track.CUSTOMER, false));
        bytes[0] = '{';
        bytes[1] = '"';
        assertMessageContains(malformed(bytes), "not an audio frame", "0x7b22");
    }

    @Test
    void rejectsWrongVersion() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.L16, Track.CUSTOMER, false));
        bytes[VERSION_OFFSET] = 2;
        assertMessageContains(malformed(bytes), "version 2", "not supported");
    }

    @Test
    void rejectsUnknownCodecAndTrackIndex() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.L16, Track.CUSTOMER, false));
        bytes[CODEC_OFFSET] = (byte) AudioCodec.values().length;
        assertMessageContains(malformed(bytes), "unknown codec #" + AudioCodec.values().length);
        bytes = AudioFrameCodec.encode(sample(AudioCodec.L16, Track.CUSTOMER, false));
        bytes[CODEC_OFFSET] = (byte) 0xFF;
        assertMessageContains(malformed(bytes), "unknown codec #255");
        bytes = AudioFrameCodec.encode(sample(AudioCodec.L16, Track.CUSTOMER, false));
        bytes[TRACK_OFFSET] = 9;
        assertMessageContains(malformed(bytes), "unknown track #9");
    }

    @Test
    void rejectsEveryTruncationOfTheHeader() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.PCMU, Track.CUSTOMER, false));
        int headerEnd = bytes.length - 800; // up to and including the payload length field
        for (int cut = 2; cut < headerEnd; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            MalformedEventException e = malformed(truncated);
            assertMessageContains(e, "truncated");
        }
    }

    @Test
    void rejectsTruncatedPayloadAndSaysHowMuchIsMissing() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.PCMU, Track.CUSTOMER, false));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 300);
        assertMessageContains(malformed(truncated), "truncated", "800", "500");
    }

    @Test
    void rejectsOutOfRangePayloadLength() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.PCMU, Track.CUSTOMER, false));
        int lengthOffset = bytes.length - 800 - 4;
        ByteBuffer.wrap(bytes).putInt(lengthOffset, -1);
        assertMessageContains(malformed(bytes), "-1", "out of range");
        ByteBuffer.wrap(bytes).putInt(lengthOffset, Integer.MAX_VALUE);
        assertMessageContains(malformed(bytes), "out of range");
    }

    @Test
    void rejectsPayloadThatIsNotWholeSamples() {
        AudioFrame frame = sample(AudioCodec.L16, Track.CUSTOMER, false);
        byte[] bytes = AudioFrameCodec.encode(frame);
        // Re-declare the 1600-byte L16 payload as 1599 bytes: an odd byte count cannot be 16-bit samples.
        int lengthOffset = bytes.length - 1600 - 4;
        ByteBuffer.wrap(bytes).putInt(lengthOffset, 1599);
        MalformedEventException e = malformed(Arrays.copyOf(bytes, bytes.length - 1));
        assertMessageContains(e, "invalid", "1599", "L16");
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void rejectsNonPositiveSampleRate() {
        byte[] bytes = AudioFrameCodec.encode(sample(AudioCodec.PCMU, Track.CUSTOMER, false));
        ByteBuffer.wrap(bytes).putInt(RATE_OFFSET, 0);
        assertMessageContains(malformed(bytes), "sample rate");
    }
}
