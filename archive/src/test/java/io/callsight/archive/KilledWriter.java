package io.callsight.archive;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link KilledMidWriteTest}: writes large recordings to a store in a loop, over a few keys so
 * that both new files and replacements are cut short, until it is killed. Each recording's bytes derive from a
 * seed stored in its first 8 bytes, so the test can tell a whole recording from a mix of two.
 *
 * <p>Args: store dir, megabytes per recording. Prints {@code wrote <n>} after each durable put.
 */
public final class KilledWriter {
    static final String TENANT = "acme";
    static final int KEYS = 3;

    private KilledWriter() {
    }

    public static void main(String[] args) throws Exception {
        FileSystemRecordingStore store = new FileSystemRecordingStore(Path.of(args[0]));
        int bytes = Integer.parseInt(args[1]) << 20;
        // made before the loop, so the loop spends its time in put (where a kill has to be survived)
        byte[][] pool = new byte[KEYS + 1][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = recording(System.nanoTime() + i, bytes);
        }
        for (long n = 0; ; n++) {
            store.put(key(n), pool[(int) (n % pool.length)]);
            System.out.println("wrote " + n);
            System.out.flush();
        }
    }

    static RecordingKey key(long n) {
        return new RecordingKey(TENANT, "call-" + (n % KEYS));
    }

    static byte[] recording(long seed, int size) {
        byte[] out = new byte[size];
        ByteBuffer.wrap(out).putLong(seed);
        fill(out, seed);
        return out;
    }

    /** True if every byte after the seed is what the seed gives. */
    static boolean whole(byte[] recording) {
        if (recording.length < 8) {
            return false;
        }
        byte[] expected = new byte[recording.length];
        fill(expected, ByteBuffer.wrap(recording).getLong());
        return java.util.Arrays.equals(recording, 8, recording.length, expected, 8, expected.length);
    }

    private static void fill(byte[] out, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 8; i + 8 <= out.length; i += 8) {
            ByteBuffer.wrap(out, i, 8).putLong(random.nextLong());
        }
    }
}
