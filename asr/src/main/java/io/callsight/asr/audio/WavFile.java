package io.callsight.asr.audio;

import io.callsight.events.AudioCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes RIFF/WAVE files in the encodings telephony uses: PCM16, μ-law and A-law, mono or stereo.
 * Reading is strict: a file whose data chunk is shorter than its header says is rejected rather than
 * imported half, and every error names what is wrong.
 */
public final class WavFile {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Streaming recorders write this size before they know the length: read the data to end of file. */
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    private WavFile() {
    }

    public static WavAudio read(Path file) throws IOException, AudioFormatException {
        return parse(Files.readAllBytes(file));
    }

    public static WavAudio parse(byte[] bytes) throws AudioFormatException {
        if (bytes.length == 0) {
            throw new AudioFormatException("file is empty");
        }
        if (bytes.length < 12 || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new AudioFormatException("not a WAV file (no RIFF/WAVE header)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        Integer format = null;
        int channels = 0;
        int sampleRate = 0;
        int bitsPerSample = 0;
        while (pos + 8 <= bytes.length) {
            String id = tag(bytes, pos);
            long size = buf.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new AudioFormatException("fmt chunk is truncated (" + size + " bytes)");
                }
                format = buf.getShort(body) & 0xFFFF;
                channels = buf.getShort(body + 2) & 0xFFFF;
                sampleRate = buf.getInt(body + 4);
                bitsPerSample = buf.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) {
                    format = buf.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new AudioFormatException("data chunk comes before any fmt chunk");
                }
                long available = bytes.length - body;
                if (size == UNKNOWN_SIZE) {
                    size = available;
                } else if (size > available) {
                    throw new AudioFormatException("truncated: data chunk declares " + size + " bytes but only "
                            + available + " are present");
                }
                AudioCodec codec = codecOf(format, bitsPerSample);
                return deinterleave(bytes, body, (int) size, codec, channels, sampleRate);
            }
            pos = (int) Math.min((long) bytes.length, body + size + (size & 1)); // chunks are word-aligned
        }
        throw new AudioFormatException(format == null ? "no fmt chunk: not a usable WAV file"
                : "no data chunk: the file holds no audio");
    }

    private static AudioCodec codecOf(int format, int bits) throws AudioFormatException {
        return switch (format) {
            case FORMAT_PCM -> {
                if (bits != 16) {
                    throw new AudioFormatException(bits + "-bit PCM is not supported (use 16-bit PCM, μ-law or A-law)");
                }
                yield AudioCodec.L16;
            }
            case FORMAT_MULAW -> requireBits(AudioCodec.PCMU, bits);
            case FORMAT_ALAW -> requireBits(AudioCodec.PCMA, bits);
            default -> throw new AudioFormatException("unsupported codec (WAV format tag " + format
                    + "): use 16-bit PCM, μ-law or A-law");
        };
    }

    private static AudioCodec requireBits(AudioCodec codec, int bits) throws AudioFormatException {
        if (bits != 8) {
            throw new AudioFormatException(codec + " with " + bits + " bits per sample is invalid (G.711 is 8-bit)");
        }
        return codec;
    }

    private static WavAudio deinterleave(byte[] bytes, int offset, int size, AudioCodec codec, int channels,
            int sampleRate) throws AudioFormatException {
        if (channels < 1 || channels > 2) {
            throw new AudioFormatException(channels + " channels: only mono or stereo calls are supported");
        }
        if (sampleRate <= 0) {
            throw new AudioFormatException("invalid sample rate " + sampleRate);
        }
        int frameBytes = codec.bytesPerSample() * channels;
        if (size == 0) {
            throw new AudioFormatException("data chunk is empty: the file holds no audio");
        }
        // A trailing partial sample frame is a cut-off write; it carries no audio, so it is dropped.
        int frames = size / frameBytes;
        if (frames == 0) {
            throw new AudioFormatException("data chunk holds less than one sample");
        }
        byte[][] out = new byte[channels][frames * codec.bytesPerSample()];
        int bps = codec.bytesPerSample();
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(bytes, offset + f * frameBytes + c * bps, out[c], f * bps, bps);
            }
        }
        return new WavAudio(sampleRate, codec, out);
    }

    /** Writes PCM16 channels (one for mono, two for stereo) encoded as {@code codec}. */
    public static void write(Path file, int sampleRate, AudioCodec codec, short[]... channels) throws IOException {
        Files.write(file, encode(sampleRate, codec, channels));
    }

    public static byte[] encode(int sampleRate, AudioCodec codec, short[]... channels) {
        if (channels.length < 1 || channels.length > 2) {
            throw new IllegalArgumentException("mono or stereo only, got " + channels.length + " channels");
        }
        int frames = channels[0].length;
        for (short[] ch : channels) {
            if (ch.length != frames) {
                throw new IllegalArgumentException("channels differ in length: " + frames + " vs " + ch.length);
            }
        }
        byte[][] encoded = new byte[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            encoded[c] = Pcm.encode(codec, channels[c]);
        }
        int bps = codec.bytesPerSample();
        int dataSize = frames * bps * channels.length;
        boolean companded = codec != AudioCodec.L16;
        int fmtSize = companded ? 18 : 16;
        ByteBuffer header = ByteBuffer.allocate(12 + 8 + fmtSize + (companded ? 12 : 0) + 8)
                .order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(header.capacity() - 8 + dataSize).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(fmtSize)
                .putShort((short) (codec == AudioCodec.L16 ? FORMAT_PCM : codec == AudioCodec.PCMU ? FORMAT_MULAW : FORMAT_ALAW))
                .putShort((short) channels.length)
                .putInt(sampleRate)
                .putInt(sampleRate * bps * channels.length)
                .putShort((short) (bps * channels.length))
                .putShort((short) (bps * 8));
        if (companded) {
            header.putShort((short) 0); // cbSize
            header.put("fact".getBytes()).putInt(4).putInt(frames); // required for non-PCM formats
        }
        header.put("data".getBytes()).putInt(dataSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.capacity() + dataSize);
        out.writeBytes(header.array());
        byte[] interleaved = new byte[dataSize];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels.length; c++) {
                System.arraycopy(encoded[c], f * bps, interleaved, (f * channels.length + c) * bps, bps);
            }
        }
        out.writeBytes(interleaved);
        return out.toByteArray();
    }

    private static String tag(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
