package io.callsight.events;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact binary form of {@link AudioFrame}. Audio is most of Callsight's traffic, so frames are not JSON:
 * a 100 ms μ-law frame costs ~60 bytes of header on 800 bytes of audio.
 *
 * <pre>magic 'C','A' | version u8 | flags u8 (bit0 endOfTrack) | codec u8 | track u8 | sampleRate i32 |
 * seq i64 | startMs i64 | tenant utf | callId utf | payloadLength i32 | payload</pre>
 */
public final class AudioFrameCodec {
    private static final byte MAGIC_0 = 'C';
    private static final byte MAGIC_1 = 'A';
    private static final byte VERSION = 1;
    private static final int MAX_PAYLOAD = 1 << 20;

    private AudioFrameCodec() {
    }

    public static byte[] encode(AudioFrame frame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(frame.payload().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MAGIC_0);
            out.writeByte(MAGIC_1);
            out.writeByte(VERSION);
            out.writeByte(frame.endOfTrack() ? 1 : 0);
            out.writeByte(frame.codec().ordinal());
            out.writeByte(frame.track().ordinal());
            out.writeInt(frame.sampleRate());
            out.writeLong(frame.seq());
            out.writeLong(frame.startMs());
            out.writeUTF(frame.tenant());
            out.writeUTF(frame.callId());
            out.writeInt(frame.payload().length);
            out.write(frame.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static AudioFrame decode(byte[] data) {
        if (data == null || data.length < 2) {
            throw new MalformedEventException("audio frame is empty or shorter than its header");
        }
        if (data[0] != MAGIC_0 || data[1] != MAGIC_1) {
            throw new MalformedEventException(String.format(
                    "not an audio frame: starts with 0x%02x%02x, expected 'CA'", data[0], data[1]));
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 2, data.length - 2))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new MalformedEventException("audio frame version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            int flags = in.readUnsignedByte();
            AudioCodec codec = enumAt(AudioCodec.values(), in.readUnsignedByte(), "codec");
            Track track = enumAt(Track.values(), in.readUnsignedByte(), "track");
            int sampleRate = in.readInt();
            long seq = in.readLong();
            long startMs = in.readLong();
            String tenant = in.readUTF();
            String callId = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new MalformedEventException("audio frame payload length " + length + " is out of range");
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length) {
                throw new MalformedEventException("audio frame truncated: payload declares " + length
                        + " bytes, " + payload.length + " present");
            }
            return new AudioFrame(tenant, callId, track, seq, startMs, codec, sampleRate, payload, (flags & 1) != 0);
        } catch (EOFException e) {
            throw new MalformedEventException("audio frame truncated inside its header", e);
        } catch (IOException e) {
            throw new MalformedEventException("audio frame unreadable: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("audio frame invalid: " + e.getMessage(), e);
        }
    }

    private static <E> E enumAt(E[] values, int index, String what) {
        if (index >= values.length) {
            throw new MalformedEventException("audio frame has unknown " + what + " #" + index);
        }
        return values[index];
    }
}
