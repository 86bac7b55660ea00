package io.callsight.asr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.AudioCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WavFileTest {

    @TempDir
    Path dir;

    // ---- a hand-built WAV writer, independent of WavFile.encode ----------------------------------------

    private static final class Riff {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private Long riffSizeOverride;

        Riff chunk(String id, byte[] data) {
            return chunk(id, data.length, data);
        }

        /** A chunk whose header declares {@code declared} bytes; {@code data} is written as is (then padded). */
        Riff chunk(String id, long declared, byte[] data) {
            body.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(le32((int) declared));
            body.writeBytes(data);
            if (data.length % 2 == 1 && declared == data.length) {
                body.write(0);
            }
            return this;
        }

        Riff raw(byte[] data) {
            body.writeBytes(data);
            return this;
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(le32(riffSizeOverride != null ? riffSizeOverride.intValue() : 4 + body.size()));
            out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).array();
    }

    /** WAVE_FORMAT_EXTENSIBLE fmt chunk body (40 bytes) with the sub-format GUID {tag}-0000-0010-8000-00AA00389B71. */
    private static byte[] fmtExtensible(int subFormat, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits)
                .putShort((short) 22) // cbSize
                .putShort((short) bits) // valid bits
                .putInt(channels == 2 ? 0x3 : 0x4) // channel mask
                .putShort((short) subFormat).putShort((short) 0x0000).putShort((short) 0x0010);
        b.put(new byte[] {(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    private static short[] noise(int n, long seed) {
        Random r = new Random(seed);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        }
        return s;
    }

    private static short[] interleavedL16(short[]... channels) {
        short[] out = new short[channels[0].length * channels.length];
        for (int i = 0; i < channels[0].length; i++) {
            for (int c = 0; c < channels.length; c++) {
                out[i * channels.length + c] = channels[c][i];
            }
        }
        return out;
    }

    private static AudioFormatException rejected(byte[] bytes) {
        return assertThrows(AudioFormatException.class, () -> WavFile.parse(bytes));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().toLowerCase().contains(part.toLowerCase()),
                    "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    // ---- round trips --------------------------------------------------------------------------------

    static Stream<Arguments> formats() {
        List<Arguments> out = new ArrayList<>();
        for (int channels : new int[] {1, 2}) {
            for (AudioCodec codec : AudioCodec.values()) {
                for (int rate : new int[] {8000, 16000}) {
                    out.add(Arguments.of(channels, codec, rate));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} ch {1} @ {2}")
    @MethodSource("formats")
    void writeThenReadRoundTrips(int channels, AudioCodec codec, int rate) throws Exception {
        int frames = rate / 10 + 1; // odd: exercises the RIFF pad byte for 8-bit mono
        short[][] pcm = new short[channels][];
        for (int c = 0; c < channels; c++) {
            pcm[c] = noise(frames, 31L * c + rate);
        }
        Path file = dir.resolve("x.wav");
        WavFile.write(file, rate, codec, pcm);
        WavAudio audio = WavFile.read(file);
        assertEquals(rate, audio.sampleRate());
        assertEquals(codec, audio.codec());
        assertEquals(channels, audio.channels());
        assertEquals(frames, audio.samplesPerChannel());
        assertEquals(frames * 1000L / rate, audio.durationMs());
        for (int c = 0; c < channels; c++) {
            assertArrayEquals(Pcm.encode(codec, pcm[c]), audio.channelBytes()[c], "channel " + c + " bytes");
            short[] expected = codec == AudioCodec.L16 ? pcm[c] : Pcm.decode(codec, Pcm.encode(codec, pcm[c]));
            assertArrayEquals(expected, audio.pcm(c), "channel " + c + " samples");
        }
        // The header must be what any other tool expects.
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(bytes.length - 8, b.getInt(4), "RIFF size");
        assertEquals(codec == AudioCodec.L16 ? 1 : codec == AudioCodec.PCMU ? 7 : 6, b.getShort(20));
        assertEquals(channels, b.getShort(22));
        assertEquals(rate, b.getInt(24));
        assertEquals(rate * channels * codec.bytesPerSample(), b.getInt(28), "byte rate");
        assertEquals(channels * codec.bytesPerSample(), b.getShort(32), "block align");
    }

    @Test
    void stereoChannelsStayApartAndInOrder() throws Exception {
        short[] left = Signals.sine(10_000, 440, 8000, 800);
        short[] right = new short[800];
        Arrays.fill(right, (short) -1234);
        WavAudio audio = WavFile.parse(WavFile.encode(8000, AudioCodec.L16, left, right));
        assertArrayEquals(left, audio.pcm(0));
        assertArrayEquals(right, audio.pcm(1));
    }

    @Test
    void readsAFileBuiltByHand() throws Exception {
        short[] samples = {0, 1, -1, 32767, -32768, 1000};
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 16000, 16)).chunk("data", Pcm.toLittleEndian(samples)).bytes();
        WavAudio audio = WavFile.parse(wav);
        assertEquals(AudioCodec.L16, audio.codec());
        assertArrayEquals(samples, audio.pcm(0));
    }

    @Test
    void encodeRejectsBadChannelLayouts() {
        assertThrows(IllegalArgumentException.class, () -> WavFile.encode(8000, AudioCodec.L16));
        assertThrows(IllegalArgumentException.class,
                () -> WavFile.encode(8000, AudioCodec.L16, new short[1], new short[1], new short[1]));
        assertThrows(IllegalArgumentException.class,
                () -> WavFile.encode(8000, AudioCodec.L16, new short[2], new short[3]));
    }

    // ---- extensible, unknown chunks, odd sizes --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(AudioCodec.class)
    void readsWaveFormatExtensible(AudioCodec codec) throws Exception {
        int tag = codec == AudioCodec.L16 ? 1 : codec == AudioCodec.PCMU ? 7 : 6;
        int bits = codec.bytesPerSample() * 8;
        short[] left = Signals.sine(8000, 300, 8000, 160);
        short[] right = Signals.sine(8000, 700, 8000, 160);
        byte[] data = codec == AudioCodec.L16 ? Pcm.toLittleEndian(interleavedL16(left, right))
                : Pcm.encode(codec, interleavedL16(left, right));
        byte[] wav = new Riff().chunk("fmt ", fmtExtensible(tag, 2, 8000, bits)).chunk("data", data).bytes();
        WavAudio audio = WavFile.parse(wav);
        assertEquals(codec, audio.codec());
        assertEquals(2, audio.channels());
        assertEquals(160, audio.samplesPerChannel());
        assertArrayEquals(Pcm.encode(codec, left), audio.channelBytes()[0]);
        assertArrayEquals(Pcm.encode(codec, right), audio.channelBytes()[1]);
    }

    @Test
    void extensibleWithUnsupportedSubFormatNamesIt() {
        byte[] wav = new Riff().chunk("fmt ", fmtExtensible(3, 1, 8000, 32)).chunk("data", new byte[16]).bytes();
        assertMentions(rejected(wav), "unsupported codec", "tag 3");
    }

    @Test
    void skipsUnknownChunksIncludingOddSizedOnes() throws Exception {
        short[] samples = {10, 20, 30, -40};
        byte[] list = "LIST....INFOISFT\u0005\u0000\u0000\u0000Lavf\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] odd = {1, 2, 3}; // odd size: followed by a pad byte
        byte[] wav = new Riff()
                .chunk("JUNK", new byte[28])
                .chunk("fmt ", fmt(1, 1, 8000, 16))
                .chunk("LIST", list)
                .chunk("odd ", odd)
                .chunk("data", Pcm.toLittleEndian(samples))
                .chunk("LIST", list) // after the data: ignored
                .bytes();
        assertArrayEquals(samples, WavFile.parse(wav).pcm(0));
    }

    @Test
    void dropsTrailingPartialSampleFrame() throws Exception {
        short[] samples = {100, -100, 200};
        byte[] data = Arrays.copyOf(Pcm.toLittleEndian(samples), 7); // one stray byte of a fourth sample
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("data", data).bytes();
        WavAudio audio = WavFile.parse(wav);
        assertArrayEquals(samples, audio.pcm(0));

        // Stereo L16: 2 whole frames + 3 bytes of a third.
        byte[] stereo = Arrays.copyOf(Pcm.toLittleEndian(new short[] {1, 2, 3, 4, 5, 6}), 11);
        WavAudio s = WavFile.parse(new Riff().chunk("fmt ", fmt(1, 2, 8000, 16)).chunk("data", stereo).bytes());
        assertArrayEquals(new short[] {1, 3}, s.pcm(0));
        assertArrayEquals(new short[] {2, 4}, s.pcm(1));
    }

    @Test
    void unknownDataSizeMeansReadToEndOfFile() throws Exception {
        short[] samples = Signals.sine(5000, 1000, 8000, 400);
        byte[] data = Pcm.encode(AudioCodec.PCMU, samples);
        Riff riff = new Riff().chunk("fmt ", fmt(7, 1, 8000, 8)).chunk("data", 0xFFFFFFFFL, data);
        riff.riffSizeOverride = 0xFFFFFFFFL;
        WavAudio audio = WavFile.parse(riff.bytes());
        assertEquals(400, audio.samplesPerChannel());
        assertArrayEquals(data, audio.channelBytes()[0]);
    }

    // ---- errors -------------------------------------------------------------------------------------

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavFile.read(empty));
        assertMentions(e, "empty");
    }

    @Test
    void notRiff() {
        assertMentions(rejected("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
                .getBytes(StandardCharsets.ISO_8859_1)), "not a WAV file");
        assertMentions(rejected("RIFF".getBytes(StandardCharsets.US_ASCII)), "not a WAV file");
        byte[] avi = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).bytes();
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
        assertMentions(rejected(avi), "not a WAV file");
    }

    @Test
    void truncatedDataChunkSaysHowMuchIsMissing() {
        byte[] data = new byte[1000];
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("data", 1600, data).bytes();
        assertMentions(rejected(wav), "truncated", "1600", "1000");
    }

    @Test
    void truncatedFmtChunk() {
        byte[] wav = new Riff().chunk("fmt ", 16, Arrays.copyOf(fmt(1, 1, 8000, 16), 10)).bytes();
        assertMentions(rejected(wav), "fmt chunk is truncated");
        byte[] small = new Riff().chunk("fmt ", Arrays.copyOf(fmt(1, 1, 8000, 16), 12)).chunk("data", new byte[4]).bytes();
        assertMentions(rejected(small), "fmt chunk is truncated");
    }

    @Test
    void missingFmtChunk() {
        assertMentions(rejected(new Riff().chunk("data", new byte[100]).bytes()), "fmt");
        assertMentions(rejected(new Riff().chunk("LIST", new byte[10]).bytes()), "no fmt chunk");
        assertMentions(rejected(new Riff().bytes()), "no fmt chunk");
    }

    @Test
    void missingDataChunk() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("LIST", new byte[10]).bytes();
        assertMentions(rejected(wav), "no data chunk");
    }

    @Test
    void emptyDataChunk() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("data", new byte[0]).bytes();
        assertMentions(rejected(wav), "empty");
        byte[] lessThanOne = new Riff().chunk("fmt ", fmt(1, 2, 8000, 16)).chunk("data", new byte[3]).bytes();
        assertMentions(rejected(lessThanOne), "less than one sample");
    }

    @Test
    void eightBitPcmIsRefused() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 8)).chunk("data", new byte[100]).bytes();
        assertMentions(rejected(wav), "8-bit PCM is not supported");
        byte[] pcm24 = new Riff().chunk("fmt ", fmt(1, 1, 8000, 24)).chunk("data", new byte[99]).bytes();
        assertMentions(rejected(pcm24), "24-bit PCM");
    }

    @Test
    void g711WithWrongSampleSizeIsRefused() {
        byte[] wav = new Riff().chunk("fmt ", fmt(7, 1, 8000, 16)).chunk("data", new byte[100]).bytes();
        assertMentions(rejected(wav), "PCMU", "16 bits");
    }

    @Test
    void unsupportedCodecTagIsNamed() {
        byte[] wav = new Riff().chunk("fmt ", fmt(0x11, 1, 8000, 4)).chunk("data", new byte[100]).bytes();
        assertMentions(rejected(wav), "unsupported codec", "17");
    }

    @Test
    void threeChannelsAreRefused() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 3, 8000, 16)).chunk("data", new byte[60]).bytes();
        assertMentions(rejected(wav), "3 channels", "mono or stereo");
        byte[] none = new Riff().chunk("fmt ", fmt(1, 0, 8000, 16)).chunk("data", new byte[60]).bytes();
        assertMentions(rejected(none), "0 channels");
    }

    @Test
    void invalidSampleRate() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 0, 16)).chunk("data", new byte[60]).bytes();
        assertMentions(rejected(wav), "sample rate 0");
    }

    @Test
    void chunkDeclaringMoreThanTheFileHoldsEndsTheSearchCleanly() {
        byte[] wav = new Riff().chunk("fmt ", fmt(1, 1, 8000, 16)).chunk("LIST", 0x7FFFFFF0L, new byte[8]).bytes();
        assertMentions(rejected(wav), "no data chunk");
    }

    // ---- Pcm ----------------------------------------------------------------------------------------

    @Test
    void pcmLittleEndianRoundTripAndByteOrder() {
        short[] samples = {0x0102, (short) 0xFEDC, Short.MIN_VALUE, Short.MAX_VALUE, -1, 0};
        byte[] bytes = Pcm.toLittleEndian(samples);
        assertEquals(0x02, bytes[0]);
        assertEquals(0x01, bytes[1]);
        assertEquals((byte) 0xDC, bytes[2]);
        assertEquals((byte) 0xFE, bytes[3]);
        assertArrayEquals(samples, Pcm.fromLittleEndian(bytes));
        assertArrayEquals(samples, Pcm.decode(AudioCodec.L16, Pcm.encode(AudioCodec.L16, samples)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pcm.fromLittleEndian(new byte[3]));
        assertMentions(e, "odd byte count 3");
    }

    @Test
    void pcmDispatchesToTheRightCompander() {
        short[] samples = Signals.sine(20_000, 500, 8000, 80);
        assertArrayEquals(G711.ulawEncode(samples), Pcm.encode(AudioCodec.PCMU, samples));
        assertArrayEquals(G711.alawEncode(samples), Pcm.encode(AudioCodec.PCMA, samples));
        byte[] codes = G711.ulawEncode(samples);
        assertArrayEquals(G711.ulawDecode(codes), Pcm.decode(AudioCodec.PCMU, codes));
        assertArrayEquals(G711.alawDecode(codes), Pcm.decode(AudioCodec.PCMA, codes));
    }
}
