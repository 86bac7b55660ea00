package io.callsight.archive.bench;

import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingKey;
import io.callsight.archive.StoredRecording;
import io.callsight.asr.bench.MachineInfo;
import io.callsight.events.AudioFrame;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantSpec;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyring;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code callsight bench archive}: the archive step of the speech job (frames → dual-track recording → WAV →
 * seal → fsync'd atomic write) on N realistic calls, with and without encryption in the same run, so the price of
 * encryption is read off one machine at one moment. The baseline is the very same store write of the unsealed
 * WAV: the plaintext "sealer" below exists only here, never in the product.
 *
 * <p>Modes alternate their order from round to round (plain first, then encrypted first...) so a disk that warms
 * up or a neighbour that gets busy does not favour one side; the median round is reported.
 */
public final class ArchiveBenchmark {
    private static final String TENANT = "bench";

    /**
     * @param calls    calls archived per mode and round
     * @param rounds   measured rounds (median reported)
     * @param warmup   calls per mode archived first, not measured (JIT, page cache, file system metadata)
     * @param callMs   length of each call
     * @param distinct distinct synthetic calls generated (and cycled through: generating 200 × 5 min would cost
     *                 more than it tells)
     * @param dir      where the store and the benchmark's own tenant files go (null: a temp dir, deleted after)
     */
    public record Options(int calls, int rounds, int warmup, long callMs, int distinct, Path dir) {
        public static Options defaults() {
            return new Options(200, 3, 10, 5 * 60_000, 4, null);
        }
    }

    /** Per-call times in ns of each part of the archive step. */
    record Call(long recordingNs, long wavNs, long sealNs, long writeNs, long wavBytes, long storedBytes) {
        long totalNs() {
            return recordingNs + wavNs + sealNs + writeNs;
        }
    }

    /** One mode in one round. */
    record Round(List<Call> calls) {
        double seconds() {
            return calls.stream().mapToLong(Call::totalNs).sum() / 1e9;
        }

        double callsPerSecond() {
            return calls.size() / seconds();
        }

        double megabytesPerSecond() {
            return calls.stream().mapToLong(Call::wavBytes).sum() / 1e6 / seconds();
        }
    }

    /** How a recording is turned into stored bytes. */
    interface Sealer {
        byte[] seal(RecordingKey key, byte[] wav) throws Exception;
    }

    /** Medians over the rounds, per mode. */
    public record Result(double plainCallsPerSecond, double encryptedCallsPerSecond, double plainMegabytesPerSecond,
            double encryptedMegabytesPerSecond) {
        /** Extra time per call that encryption costs, relative to the plaintext baseline. */
        public double encryptionCost() {
            return plainCallsPerSecond / encryptedCallsPerSecond - 1;
        }
    }

    private ArchiveBenchmark() {
    }

    public static Result run(Options options, PrintStream out) throws Exception {
        Path work = options.dir() != null ? options.dir() : Files.createTempDirectory("callsight-bench-archive");
        try {
            return run(options, work, out);
        } finally {
            if (options.dir() == null) {
                deleteTree(work);
            }
        }
    }

    private static Result run(Options o, Path work, PrintStream out) throws Exception {
        TenantPaths paths = TenantPaths.resolve(work.resolve("tenants"), null, Map.of());
        DemoTenants.ensure(paths, Map.of(), List.of(TenantSpec.of(TENANT, "Benchmark")));
        EnvelopeCipher cipher = new EnvelopeCipher(TenantKeyring.open(paths.keyring(), MasterKey.load(paths, Map.of())));
        FileSystemRecordingStore store = new FileSystemRecordingStore(work.resolve("recordings"));
        Sealer plain = (key, wav) -> wav;
        Sealer sealed = (key, wav) -> cipher.seal(key.tenant(), key.callId(), wav).bytes();

        long generating = System.nanoTime();
        List<List<AudioFrame>> pool = new ArrayList<>();
        for (int i = 0; i < o.distinct(); i++) {
            pool.add(SyntheticCalls.frames(TENANT, "call-" + i, o.callMs(), 1_000 + i));
        }
        long wavBytes = DualTrackRecording.fromFrames(pool.get(0)).toWav().length;
        Files.createDirectories(store.root());
        out.println("Recording archive: the speech job's archive step, encrypted vs the same writes in plaintext");
        out.println("machine: " + MachineInfo.describe());
        out.printf(Locale.ROOT, "store:   %s (%s), fsync'd temp file + atomic rename + directory fsync per call%n", store.root(),
                Files.getFileStore(store.root()).type());
        out.printf(Locale.ROOT, "calls:   %d per mode and round, %d:%02d each, stereo 8 kHz G.711 μ-law (%.1f MB WAV); synthetic"
                        + " speech-like audio (source-filter voices taking turns, line noise), %d distinct calls cycled,"
                        + " generated in %.1f s%n", o.calls(), o.callMs() / 60_000, o.callMs() / 1000 % 60, wavBytes / 1e6,
                o.distinct(), (System.nanoTime() - generating) / 1e9);
        out.printf("rounds:  %d measured after a warm-up of %d calls per mode; median round reported; modes alternate order%n%n",
                o.rounds(), o.warmup());

        round(store, plain, pool, o.warmup(), "warmup-plain");
        round(store, sealed, pool, o.warmup(), "warmup-sealed");
        List<Round> plainRounds = new ArrayList<>();
        List<Round> sealedRounds = new ArrayList<>();
        for (int r = 0; r < o.rounds(); r++) {
            if (r % 2 == 0) {
                plainRounds.add(round(store, plain, pool, o.calls(), "plain-" + r));
                sealedRounds.add(round(store, sealed, pool, o.calls(), "sealed-" + r));
            } else {
                sealedRounds.add(round(store, sealed, pool, o.calls(), "sealed-" + r));
                plainRounds.add(round(store, plain, pool, o.calls(), "plain-" + r));
            }
            out.printf(Locale.ROOT, "round %d: plain %.2f calls/s, encrypted %.2f calls/s%n", r + 1,
                    plainRounds.get(r).callsPerSecond(), sealedRounds.get(r).callsPerSecond());
        }
        out.println();
        String row = "%-26s %8s %8s %12s %8s %8s %12s %16s%n";
        out.printf(row, "", "calls/s", "MB/s", "recording ms", "WAV ms", "seal ms", "write ms", "step p50/p99 ms");
        print(out, row, "plaintext (baseline)", plainRounds);
        print(out, row, "encrypted (AES-256-GCM)", sealedRounds);
        Result result = new Result(median(plainRounds, Round::callsPerSecond), median(sealedRounds, Round::callsPerSecond),
                median(plainRounds, Round::megabytesPerSecond), median(sealedRounds, Round::megabytesPerSecond));
        out.printf(Locale.ROOT, "%nencryption costs %+.1f %% time per call against the baseline (target < 10 %%): %s%n",
                100 * result.encryptionCost(), result.encryptionCost() < 0.10 ? "PASS" : "FAIL");
        out.println("columns: MB/s of WAV audio archived; the per-part columns are per-call medians over all measured calls;"
                + " the step (frames of an ended call to a durable file) is what the job adds to ENDED → archived.");
        return result;
    }

    private static Round round(FileSystemRecordingStore store, Sealer sealer, List<List<AudioFrame>> pool, int calls,
            String label) throws Exception {
        List<Call> out = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            RecordingKey key = new RecordingKey(TENANT, label + "-" + i);
            long t0 = System.nanoTime();
            DualTrackRecording recording = DualTrackRecording.fromFrames(pool.get(i % pool.size()));
            long t1 = System.nanoTime();
            byte[] wav = recording.toWav();
            long t2 = System.nanoTime();
            byte[] bytes = sealer.seal(key, wav);
            long t3 = System.nanoTime();
            store.put(key, bytes);
            long t4 = System.nanoTime();
            out.add(new Call(t1 - t0, t2 - t1, t3 - t2, t4 - t3, wav.length, bytes.length));
        }
        clear(store); // not timed: keeps the disk footprint at one round of one mode
        return new Round(out);
    }

    private static void print(PrintStream out, String row, String name, List<Round> rounds) {
        List<Call> all = rounds.stream().flatMap(r -> r.calls().stream()).toList();
        out.printf(Locale.ROOT, row, name, fmt(median(rounds, Round::callsPerSecond)), fmt(median(rounds, Round::megabytesPerSecond)),
                ms(all, Call::recordingNs, 0.5), ms(all, Call::wavNs, 0.5), ms(all, Call::sealNs, 0.5), ms(all, Call::writeNs, 0.5),
                ms(all, Call::totalNs, 0.5) + " / " + ms(all, Call::totalNs, 0.99));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ms(List<Call> calls, java.util.function.ToLongFunction<Call> part, double quantile) {
        long[] ns = calls.stream().mapToLong(part).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f", ns[(int) Math.min(ns.length - 1, Math.floor(quantile * ns.length))] / 1e6);
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void clear(FileSystemRecordingStore store) throws IOException {
        for (StoredRecording r : store.list(TENANT)) {
            store.delete(r.key());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
