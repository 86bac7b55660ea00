package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingArchive;
import io.callsight.archive.RecordingKey;
import io.callsight.archive.bench.SyntheticCalls;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.Track;
import io.callsight.tenants.Retention;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantSpec;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.SealedBlob;
import io.callsight.tenants.crypto.TenantKeyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code callsight recordings ...} and the archive side of {@code tenants rotate-kek / remove --shred}, on a temp data dir. */
class RecordingsCommandTest {
    @TempDir
    Path dir;

    private TenantPaths paths;
    private DualTrackRecording call1;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.toString();
        CommandLine cli = Callsight.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    private RecordingArchive archive(Clock clock) {
        EnvelopeCipher cipher = new EnvelopeCipher(TenantKeyring.open(paths.keyring(), MasterKey.load(paths, Map.of())));
        return new RecordingArchive(new FileSystemRecordingStore(dir.resolve("recordings"), clock), cipher);
    }

    private Path file(String tenant, String callId) {
        return dir.resolve("recordings").resolve(tenant).resolve(callId + ".csrec");
    }

    @BeforeEach
    void twoTenantsWithRecordings() throws Exception {
        paths = TenantPaths.resolve(dir, null, Map.of());
        DemoTenants.ensure(paths, Map.of(), List.of(
                new TenantSpec("acme", "Acme", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30)),
                TenantSpec.of("globex", "Globex")));
        call1 = DualTrackRecording.fromFrames(SyntheticCalls.frames("acme", "call-1", 4_000, 1));
        RecordingArchive archive = archive(Clock.systemUTC());
        archive.archive(new RecordingKey("acme", "call-1"), call1);
        archive.archive(new RecordingKey("acme", "call-2"), DualTrackRecording.fromFrames(SyntheticCalls.frames("acme", "call-2", 2_000, 2)));
        archive.archive(new RecordingKey("globex", "call-1"), DualTrackRecording.fromFrames(SyntheticCalls.frames("globex", "call-1", 2_000, 3)));
    }

    @Test
    void listAndGetDecryptWithTheTenantsKey() throws Exception {
        Run list = ok("recordings", "list", "--tenant", "acme");
        assertTrue(list.out().contains("call-1") && list.out().contains("call-2") && list.out().contains("2 recordings"), list.out());
        assertFalse(list.out().contains("globex"), list.out());

        Path both = dir.resolve("out/both.wav");
        Run get = ok("recordings", "get", "call-1", "--tenant", "acme", "-o", both.toString());
        assertTrue(get.out().contains("0:04, stereo (customer left, agent right), 8000 Hz PCMU"), get.out());
        WavAudio stereo = WavFile.parse(Files.readAllBytes(both));
        assertEquals(2, stereo.channels());
        assertArrayEquals(call1.pcm(Track.CUSTOMER), stereo.pcm(0));
        assertArrayEquals(call1.pcm(Track.AGENT), stereo.pcm(1));

        Path customer = dir.resolve("customer.wav");
        ok("recordings", "get", "call-1", "--tenant", "acme", "--track", "customer", "-o", customer.toString());
        WavAudio mono = WavFile.parse(Files.readAllBytes(customer));
        assertEquals(1, mono.channels());
        assertArrayEquals(call1.pcm(Track.CUSTOMER), mono.pcm(0));
        Path agent = dir.resolve("agent.wav");
        ok("recordings", "get", "call-1", "--tenant", "acme", "--track", "AGENT", "-o", agent.toString());
        assertArrayEquals(call1.pcm(Track.AGENT), WavFile.parse(Files.readAllBytes(agent)).pcm(0));
    }

    @Test
    void aTamperedRecordingIsReportedAsTamperedAndNeverWritten() throws Exception {
        Path file = file("acme", "call-1");
        byte[] bytes = Files.readAllBytes(file);
        int sealedEnd = bytes.length - 32;
        bytes[sealedEnd - 200] ^= 0x01; // in the audio ciphertext
        // fix the file's SHA-256 (over all but its last 32 bytes), as someone tampering on purpose would: only GCM can tell
        byte[] sum = MessageDigest.getInstance("SHA-256").digest(java.util.Arrays.copyOf(bytes, sealedEnd));
        System.arraycopy(sum, 0, bytes, sealedEnd, 32);
        Files.write(file, bytes);

        Path out = dir.resolve("tampered.wav");
        Run r = run("recordings", "get", "call-1", "--tenant", "acme", "-o", out.toString());
        assertEquals(RecordingsCommand.REFUSED, r.code(), r.err());
        assertTrue(r.err().contains("recording acme/call-1 is tampered (the GCM authentication tag of the audio does not match)"
                + ": not played"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out));
        assertNoTempFiles(dir);
    }

    @Test
    void aCorruptOrMisfiledRecordingIsRefused() throws Exception {
        Path file = file("acme", "call-1");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
        Path out = dir.resolve("corrupt.wav");
        Run r = run("recordings", "get", "call-1", "--tenant", "acme", "-o", out.toString());
        assertEquals(RecordingsCommand.REFUSED, r.code(), r.err());
        assertTrue(r.err().contains("fails its checksum") && r.err().contains("not played"), r.err());
        assertFalse(Files.exists(out));

        Files.copy(file("globex", "call-1"), file("acme", "call-2"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        r = run("recordings", "get", "call-2", "--tenant", "acme", "-o", out.toString());
        assertEquals(RecordingsCommand.REFUSED, r.code(), r.err());
        assertTrue(r.err().contains("misfiled") && r.err().contains("belongs to tenant 'globex'"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownTenantsMissingRecordingsAndBadIdsAreClearErrors() {
        Path out = dir.resolve("x.wav");
        Run list = run("recordings", "list", "--tenant", "initech");
        assertEquals(RecordingsCommand.NOT_FOUND, list.code());
        assertTrue(list.err().contains("no tenant 'initech' in " + paths.registry()), list.err());
        Run get = run("recordings", "get", "call-1", "--tenant", "initech", "-o", out.toString());
        assertEquals(RecordingsCommand.NOT_FOUND, get.code());
        assertTrue(get.err().contains("no tenant 'initech'"), get.err());

        Run missing = run("recordings", "get", "call-9", "--tenant", "acme", "-o", out.toString());
        assertEquals(RecordingsCommand.NOT_FOUND, missing.code());
        assertTrue(missing.err().contains("no recording call-9 of tenant acme in " + dir.resolve("recordings")), missing.err());

        Run traversal = run("recordings", "get", "../globex/call-1", "--tenant", "acme", "-o", out.toString());
        assertEquals(1, traversal.code());
        assertTrue(traversal.err().contains("is not a valid call id"), traversal.err());
        Run badTrack = run("recordings", "get", "call-1", "--tenant", "acme", "--track", "left", "-o", out.toString());
        assertEquals(2, badTrack.code(), badTrack.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void rotationRewrapsTheArchiveAndShreddingSaysWhatBecameUnreadable() throws Exception {
        Run rotated = ok("tenants", "rotate-kek", "--tenant", "acme");
        assertTrue(rotated.out().contains("key-encryption key v2 is now current"), rotated.out());
        assertTrue(rotated.out().contains("re-wrapped the data keys of 2 archived recordings under v2"), rotated.out());
        assertEquals(2, SealedBlob.parse(new FileSystemRecordingStore(dir.resolve("recordings"))
                .get(new RecordingKey("acme", "call-1")).orElseThrow()).kekVersion());
        assertEquals(1, SealedBlob.parse(new FileSystemRecordingStore(dir.resolve("recordings"))
                .get(new RecordingKey("globex", "call-1")).orElseThrow()).kekVersion(), "another tenant is not touched");
        ok("recordings", "get", "call-1", "--tenant", "acme", "-o", dir.resolve("after-rotation.wav").toString());

        Run shred = ok("tenants", "remove", "acme", "--shred");
        assertTrue(shred.out().contains("2 archived recordings in " + dir.resolve("recordings/acme") + " are now unreadable"),
                shred.out());
        Path out = dir.resolve("shredded.wav");
        Run get = run("recordings", "get", "call-1", "--tenant", "acme", "-o", out.toString());
        assertEquals(RecordingsCommand.KEY_GONE, get.code(), get.err());
        assertTrue(get.err().contains("the keys of tenant acme were shredded"), get.err());
        assertFalse(Files.exists(out));
        ok("recordings", "get", "call-1", "--tenant", "globex", "-o", out.toString());
    }

    @Test
    void aSweepDeletesRecordingsOlderThanTheTenantsRetention() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(40)), ZoneOffset.UTC);
        archive(past).archive(new RecordingKey("acme", "old"), call1);
        archive(past).archive(new RecordingKey("globex", "old"), call1);

        Run dry = ok("recordings", "sweep", "--dry-run", "--no-transcripts");
        assertTrue(dry.out().contains("acme: would delete 1 recording"), dry.out());
        assertTrue(dry.out().contains("globex: would delete 0 recordings"), dry.out());
        assertTrue(Files.exists(file("acme", "old")));

        // Elasticsearch unreachable: recordings are swept, the transcript side fails loudly
        Run sweep = run("recordings", "sweep", "--es-url", "http://127.0.0.1:9");
        assertEquals(1, sweep.code(), sweep.out() + sweep.err());
        assertTrue(sweep.out().contains("acme: deleted 1 recording"), sweep.out());
        assertTrue(sweep.err().contains("cannot sweep transcripts in Elasticsearch at http://127.0.0.1:9"), sweep.err());
        assertFalse(Files.exists(file("acme", "old")));
        assertTrue(Files.exists(file("acme", "call-1")));
        assertTrue(Files.exists(file("globex", "old")), "globex keeps a year");

        ok("tenants", "remove", "globex");
        Run kept = ok("recordings", "sweep", "--no-transcripts");
        assertTrue(kept.out().contains("globex: not in the registry: its 2 recordings kept"), kept.out());
    }

    private static void assertNoTempFiles(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "no half-written output");
        }
    }
}
