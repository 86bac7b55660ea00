package io.callsight.nlp.classify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Little-endian float32 arrays on disk (the weight format shared with the DJL exporter). */
public final class FloatIo {
    private FloatIo() {}

    public static void write(Path file, float[]... arrays) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : arrays) {
                for (float v : a) {
                    if (buf.remaining() < 4) {
                        buf.flip();
                        while (buf.hasRemaining()) {
                            ch.write(buf);
                        }
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /** Reads consecutive arrays of the given lengths; fails if the file size does not match. */
    public static float[][] read(Path file, long... lengths) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long total = 0;
            for (long l : lengths) {
                total += l * 4;
            }
            if (ch.size() != total) {
                throw new IOException(file + ": expected " + total + " bytes, found " + ch.size());
            }
            float[][] out = new float[lengths.length][];
            long pos = 0;
            for (int i = 0; i < lengths.length; i++) {
                out[i] = new float[Math.toIntExact(lengths[i])];
                ByteBuffer bb = ch.map(FileChannel.MapMode.READ_ONLY, pos, lengths[i] * 4).order(ByteOrder.LITTLE_ENDIAN);
                bb.asFloatBuffer().get(out[i]);
                pos += lengths[i] * 4;
            }
            return out;
        }
    }
}
