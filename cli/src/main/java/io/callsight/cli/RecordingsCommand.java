package io.callsight.cli;

import io.callsight.archive.CorruptRecordingException;
import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingArchive;
import io.callsight.archive.RecordingKey;
import io.callsight.archive.StoredRecording;
import io.callsight.events.Track;
import io.callsight.search.query.ExpiredDocuments;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.PrivateFiles;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.ShreddedException;
import io.callsight.tenants.crypto.TamperedException;
import io.callsight.tenants.crypto.TenantKeyStatus;
import io.callsight.tenants.crypto.TenantKeyring;
import io.callsight.tenants.crypto.UnknownKeyException;
import io.callsight.tenants.crypto.WrongContextException;
import io.callsight.tenants.crypto.WrongTenantException;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The encrypted recording archive the speech job writes ({@code <data dir>/recordings}): list a tenant's
 * recordings, decrypt one to a WAV, and apply the tenants' retention to recordings and transcripts.
 */
@Command(name = "recordings", mixinStandardHelpOptions = true,
        description = {"The encrypted call recordings the speech job archives (default <data dir>/recordings), one file per"
                + " call, readable only with the tenant's key. See docs/recording-archive.md.",
                "Exit codes: 0 ok, 1 no such tenant or recording (or a usage error), 3 refused: tampered, corrupt or"
                        + " misfiled, 4 the key is gone (shredded)."},
        subcommands = {RecordingsCommand.ListRecordings.class, RecordingsCommand.Get.class, RecordingsCommand.Sweep.class})
final class RecordingsCommand implements Runnable {
    static final int NOT_FOUND = 1;
    static final int REFUSED = 3;
    static final int KEY_GONE = 4;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Where the archive and the tenant files are. */
    static final class Location {
        @Mixin
        TenantsCommand.Location tenants;

        @Option(names = "--archive", paramLabel = "DIR",
                description = "The recording archive (default: <data dir>/recordings, where the speech job writes).")
        Path archive;

        TenantPaths paths() {
            return tenants.paths();
        }

        Path archiveDir() {
            return archiveDir(paths(), archive);
        }

        static Path archiveDir(TenantPaths paths, Path archive) {
            return archive != null ? archive.toAbsolutePath().normalize() : paths.dataDir().resolve("recordings");
        }

        FileSystemRecordingStore store() {
            return new FileSystemRecordingStore(archiveDir());
        }

        /** Loads the master key: only for commands that decrypt. */
        RecordingArchive archive() {
            TenantPaths paths = paths();
            TenantKeyring keyring = TenantKeyring.open(paths.keyring(), MasterKey.load(paths, System.getenv()));
            return new RecordingArchive(store(), new EnvelopeCipher(keyring));
        }

        TenantRegistry registry() throws IOException {
            return TenantRegistryFile.readOrEmpty(paths().registry());
        }
    }

    /** A refusal: one line on stderr and an exit code saying which kind. */
    static final class Refused extends RuntimeException {
        final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    static int refuse(CommandSpec spec, Refused r) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + r.getMessage());
        return r.exitCode;
    }

    /**
     * The tenant must be in the registry; a shredded one is reported as such ({@code remove --shred} also takes it
     * out of the registry, and "no such tenant" would hide that its recordings are gone for good).
     */
    static void requireTenant(Location location, String tenant) throws IOException {
        if (location.registry().contains(tenant)) {
            return;
        }
        Optional<TenantKeyStatus> keys = Optional.ofNullable(TenantKeyring.describe(location.paths().keyring()).get(tenant));
        if (keys.isPresent() && !keys.get().hasKey()) {
            throw new Refused(KEY_GONE, "the keys of tenant " + tenant + " were shredded"
                    + keys.get().shreddedAt().map(t -> " on " + t).orElse("") + ": its recordings can no longer be decrypted");
        }
        throw new Refused(NOT_FOUND, "no tenant '" + tenant + "' in " + location.paths().registry()
                + (keys.isPresent() ? " (it was removed; its keys are kept: `callsight tenants add --id " + tenant
                        + " ...` restores access)" : " (see `callsight tenants list`)"));
    }

    static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists a tenant's archived recordings, oldest first: call id, archived at, size (sealed). Decrypts nothing.")
    static final class ListRecordings implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
        String tenant;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try {
                requireTenant(location, tenant);
            } catch (Refused r) {
                return refuse(spec, r);
            }
            List<StoredRecording> recordings = location.store().list(tenant);
            PrintWriter out = spec.commandLine().getOut();
            if (recordings.isEmpty()) {
                out.printf("no recordings of tenant %s in %s%n", tenant, location.archiveDir());
                return 0;
            }
            String row = "%-40s %-24s %10s%n";
            out.printf(row, "CALL ID", "ARCHIVED AT", "SIZE");
            long total = 0;
            for (StoredRecording r : recordings) {
                out.printf(row, r.key().callId(), r.archivedAt().truncatedTo(ChronoUnit.SECONDS), size(r.sizeBytes()));
                total += r.sizeBytes();
            }
            out.printf("%d recording%s, %s in %s%n", recordings.size(), recordings.size() == 1 ? "" : "s", size(total),
                    location.archiveDir().resolve(tenant));
            return 0;
        }
    }

    enum Side {
        CUSTOMER, AGENT, BOTH
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Decrypts one recording with its tenant's key and writes it as a WAV: stereo (customer left, agent"
                    + " or bot right) or one side, mono, in the codec it was recorded in.",
                    "The file is written (0600, atomically) only after the whole recording has authenticated: a tampered"
                            + " recording (its GCM tag does not match), a corrupt file or one copied from another tenant or"
                            + " call is refused, never played, and no output file is created."})
    static final class Get implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "CALL_ID", description = "The call id (as `recordings list` shows it).")
        String callId;

        @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
        String tenant;

        @Option(names = "--track", paramLabel = "SIDE", defaultValue = "both",
                description = "customer, agent (the agent or bot side) or both (default: ${DEFAULT-VALUE}).")
        String track;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The WAV file to write.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Side side;
            try {
                side = Side.valueOf(track.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--track must be customer, agent or both, not '" + track + "'");
            }
            if (Files.isDirectory(output)) {
                throw new CommandLine.ParameterException(spec.commandLine(), output + " is a directory; -o names the WAV file");
            }
            RecordingKey key = new RecordingKey(tenant, callId);
            DualTrackRecording recording;
            try {
                requireTenant(location, tenant);
                recording = open(location.archive(), key);
            } catch (Refused r) {
                return refuse(spec, r);
            }
            byte[] wav = switch (side) {
                case BOTH -> recording.toWav();
                case CUSTOMER -> recording.toWav(Track.CUSTOMER);
                case AGENT -> recording.toWav(Track.AGENT);
            };
            PrivateFiles.writeAtomically(output, wav);
            long seconds = recording.durationMs() / 1000;
            spec.commandLine().getOut().printf("wrote %s: call %s of tenant %s, %d:%02d, %s, %d Hz %s, %s%n", output, callId,
                    tenant, seconds / 60, seconds % 60,
                    side == Side.BOTH ? "stereo (customer left, agent right)" : "mono, " + side.name().toLowerCase(Locale.ROOT) + " side",
                    recording.sampleRate(), recording.codec(), size(wav.length));
            return 0;
        }

        private DualTrackRecording open(RecordingArchive archive, RecordingKey key) throws IOException {
            try {
                return archive.open(key).orElseThrow(() -> new Refused(NOT_FOUND, "no recording " + key.callId()
                        + " of tenant " + key.tenant() + " in " + location.archiveDir()));
            } catch (TamperedException e) {
                throw new Refused(REFUSED, "recording " + key + " is tampered (" + tampering(e) + "): not played");
            } catch (CorruptRecordingException e) {
                throw new Refused(REFUSED, e.getMessage() + ": not played");
            } catch (WrongTenantException | WrongContextException e) {
                throw new Refused(REFUSED, "recording " + key + " is misfiled: " + e.getMessage() + "; not played");
            } catch (ShreddedException e) {
                throw new Refused(KEY_GONE, "recording " + key + " can no longer be decrypted: the tenant's keys were shredded"
                        + (e.shreddedAt() == null ? "" : " on " + e.shreddedAt()));
            } catch (UnknownKeyException e) {
                throw new Refused(KEY_GONE, "recording " + key + " cannot be decrypted: " + e.getMessage());
            } catch (io.callsight.tenants.crypto.EnvelopeException e) {
                throw new Refused(REFUSED, "recording " + key + " cannot be opened: " + e.getMessage());
            }
        }

        private static String tampering(TamperedException e) {
            return switch (e.reason()) {
                case PAYLOAD_AUTHENTICATION -> "the GCM authentication tag of the audio does not match";
                case DATA_KEY_AUTHENTICATION -> "the GCM authentication tag of its data key does not match";
                case TRUNCATED -> "cut short inside the sealed recording";
                default -> "not a valid sealed recording: " + e.reason();
            };
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = {"Applies each tenant's retention (tenants.yaml): deletes recordings archived more than"
                    + " recordings_days ago, and the tenant's Elasticsearch documents older than transcripts_days"
                    + " (utterances by indexedAt, calls by updatedAt). Prints what was deleted per tenant.",
                    "Recordings of tenants no longer in the registry are kept and listed: deciding about them is an"
                            + " operator's call. Run it daily (cron, a Kubernetes CronJob); a rerun continues where an"
                            + " interrupted one stopped."})
    static final class Sweep implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(names = "--dry-run", description = "Only print what would be deleted.")
        boolean dryRun;

        @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: every registered tenant).")
        String tenant;

        @Option(names = "--es-url", paramLabel = "URL",
                description = "Elasticsearch holding the transcripts (default: $ES_URL, else the embedded stack's).")
        String esUrl;

        @Option(names = "--no-transcripts", description = "Sweep recordings only; leave Elasticsearch alone.")
        boolean noTranscripts;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TenantRegistry registry = location.registry();
            if (tenant != null && !registry.contains(tenant)) {
                try {
                    requireTenant(location, tenant);
                } catch (Refused r) {
                    return refuse(spec, r);
                }
            }
            Instant now = Instant.now();
            PrintWriter out = spec.commandLine().getOut();
            String verb = dryRun ? "would delete" : "deleted";
            RecordingArchive archive = new RecordingArchive(location.store(), null); // sweeping decrypts nothing
            java.util.function.Function<String, Optional<Integer>> recordingsDays = t -> tenant != null && !tenant.equals(t)
                    ? Optional.empty() : registry.tenant(t).map(x -> x.retention().recordingsDays());
            List<StoredRecording> expired = dryRun ? archive.expired(now, recordingsDays) : archive.sweep(now, recordingsDays);

            TreeSet<String> tenants = new TreeSet<>(location.store().tenants());
            registry.tenants().forEach(t -> tenants.add(t.id()));
            for (String t : tenants) {
                if (tenant != null && !tenant.equals(t)) {
                    continue;
                }
                Optional<Tenant> registered = registry.tenant(t);
                if (registered.isEmpty()) {
                    int kept = location.store().list(t).size();
                    out.printf("%s: not in the registry: its %d recording%s kept (re-add the tenant, or delete %s by hand)%n",
                            t, kept, kept == 1 ? "" : "s", location.archiveDir().resolve(t));
                    continue;
                }
                List<StoredRecording> mine = expired.stream().filter(r -> r.key().tenant().equals(t)).toList();
                long bytes = mine.stream().mapToLong(StoredRecording::sizeBytes).sum();
                out.printf("%s: %s %d recording%s (%s) archived more than %d days ago%n", t, verb, mine.size(),
                        mine.size() == 1 ? "" : "s", size(bytes), registered.get().retention().recordingsDays());
            }
            if (noTranscripts) {
                return 0;
            }
            String url = esUrl != null ? esUrl : StackConfig.builder().environment(System.getenv())
                    .dataDir(location.paths().dataDir()).build().esUrl();
            List<String> failed = new ArrayList<>();
            try (ExpiredDocuments documents = ExpiredDocuments.connect(url, System.getenv("ES_API_KEY"))) {
                for (Tenant t : registry.tenants()) {
                    if (tenant != null && !tenant.equals(t.id())) {
                        continue;
                    }
                    int days = t.retention().transcriptsDays();
                    Instant cutoff = now.minus(Duration.ofDays(days));
                    List<String> counts = new ArrayList<>();
                    for (String index : ExpiredDocuments.indices()) {
                        ExpiredDocuments.Swept s = documents.sweep(index, t.id(), cutoff, dryRun);
                        counts.add((dryRun ? s.expired() : s.deleted()) + " from " + index);
                        s.failures().stream().limit(5).forEach(f -> failed.add(t.id() + " " + index + " " + f));
                    }
                    out.printf("%s: %s %s (documents older than %d days)%n", t.id(), verb, String.join(", ", counts), days);
                }
            } catch (IOException e) {
                spec.commandLine().getErr().printf("%s: cannot sweep transcripts in Elasticsearch at %s: %s"
                        + " (recordings were swept; rerun when it is reachable, or pass --no-transcripts)%n",
                        spec.qualifiedName(), url, e.getMessage());
                return 1;
            }
            if (!failed.isEmpty()) {
                failed.forEach(f -> spec.commandLine().getErr().println("not deleted: " + f));
                return 1;
            }
            return 0;
        }
    }
}
