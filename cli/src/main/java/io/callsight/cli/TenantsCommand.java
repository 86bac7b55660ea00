package io.callsight.cli;

import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingArchive;
import io.callsight.config.ValidationError;
import io.callsight.tenants.ApiKey;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.admin.TenantAdmin;
import io.callsight.tenants.admin.TenantSpec;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tenants.crypto.AudioHookSecrets;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyStatus;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The tenant registry and its credentials. Every change rewrites {@code tenants.yaml} (or {@code keyring.json})
 * atomically; running services pick it up within a second, without a restart. Keys and secrets are printed once,
 * on the command that creates them, and never again.
 */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = {"Client companies sharing this deployment: the tenant registry (tenants.yaml), their API keys,"
                + " AudioHook secrets and encryption keys. Services reload changes within a second.",
                "Files live in the data dir (default ~/.callsight); the registry can be elsewhere (--registry or"
                        + " CALLSIGHT_TENANTS). The master key comes from CALLSIGHT_MASTER_KEY or CALLSIGHT_MASTER_KEY_FILE"
                        + " (default <data dir>/master.key). See docs/security.md."},
        subcommands = {TenantsCommand.Add.class, TenantsCommand.ListTenants.class, TenantsCommand.Show.class,
                TenantsCommand.Remove.class, TenantsCommand.Validate.class, TenantsCommand.Keys.class,
                TenantsCommand.Secret.class, TenantsCommand.RotateKek.class, TenantsCommand.MasterKeyCommand.class})
final class TenantsCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Where the tenant files are: shared by every subcommand. */
    static final class Location {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Callsight data dir holding keyring.json, master.key and (by default) tenants.yaml"
                        + " (default: ~/.callsight).")
        Path dataDir;

        @Option(names = "--registry", paramLabel = "FILE",
                description = "Tenant registry file (default: $CALLSIGHT_TENANTS, else <data dir>/tenants.yaml).")
        Path registry;

        TenantPaths paths() {
            return TenantPaths.resolve(dataDir, registry, System.getenv());
        }

        TenantAdmin admin() {
            return new TenantAdmin(paths(), System.getenv());
        }
    }

    static Role role(String id) {
        return Role.fromId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown role '" + id + "' (expected " + Role.ids() + ")"));
    }

    static String retention(Retention r) {
        return "recordings " + r.recordingsDays() + " d, transcripts " + r.transcriptsDays() + " d";
    }

    static String keys(Optional<TenantKeyStatus> s) {
        if (s.isEmpty()) {
            return "none";
        }
        TenantKeyStatus k = s.get();
        if (!k.hasKey()) {
            return "shredded" + k.shreddedAt().map(t -> " on " + t).orElse("");
        }
        return "v" + k.current() + " current" + (k.versions().size() > 1 ? ", older versions kept for existing recordings: "
                + k.versions().stream().filter(v -> v != k.current()).map(v -> "v" + v).collect(Collectors.joining(", ")) : "");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a tenant and creates its key-encryption key.",
                    "If the tenant was removed before without --shred, its encryption keys are still there and its"
                            + " old recordings open again; its old API keys do not come back: create new ones."})
    static final class Add implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(names = "--id", required = true, paramLabel = "T",
                description = "Tenant id: 1-63 lowercase letters, digits, '_' or '-' (e.g. acme-bank).")
        String id;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Display name (e.g. \"Acme Bank\").")
        String name;

        @Option(names = "--language", paramLabel = "LANG", split = ",", defaultValue = "en",
                description = "Call language(s), en or zh; repeat or comma-separate for several (default: ${DEFAULT-VALUE}).")
        List<String> languages;

        @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
                description = "Time zone for reports and business hours, e.g. Europe/London (default: ${DEFAULT-VALUE}).")
        String timeZone;

        @Option(names = "--retention-recordings-days", paramLabel = "DAYS", defaultValue = "365",
                description = "Days recordings are kept (default: ${DEFAULT-VALUE}).")
        int recordingsDays;

        @Option(names = "--retention-transcripts-days", paramLabel = "DAYS", defaultValue = "365",
                description = "Days transcripts are kept (default: ${DEFAULT-VALUE}).")
        int transcriptsDays;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ZoneId zone;
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + timeZone + "' (use a region id such as Europe/London)");
            }
            TenantSpec tenant = new TenantSpec(id, name, languages, zone, new Retention(recordingsDays, transcriptsDays));
            TenantAdmin admin = location.admin();
            TenantAdmin.Added added = admin.add(tenant);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("added tenant %s (%s): languages %s, time zone %s, %s%n", id, name, String.join(",", languages),
                    zone.getId(), retention(tenant.retention()));
            out.printf("  registry %s%n", admin.paths().registry());
            out.printf("  key-encryption key v%d%s%n", added.kekVersion(), added.keysRestored()
                    ? " (kept from before it was removed: its existing recordings open again)" : " created");
            out.printf("next: callsight tenants keys create --tenant %s --role ingest%n", id);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tenants (no secrets).")
    static final class ListTenants implements Callable<Integer> {
        @Mixin
        Location location;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TenantAdmin admin = location.admin();
            TenantRegistry registry = admin.registry();
            PrintWriter out = spec.commandLine().getOut();
            if (registry.size() == 0) {
                out.println("no tenants in " + admin.paths().registry() + " (add one with `callsight tenants add`)");
                return 0;
            }
            String row = "%-20s %-24s %-9s %-20s %-36s %-5s %s%n";
            out.printf(row, "ID", "NAME", "LANGUAGES", "TIME ZONE", "RETENTION", "KEYS", "AUDIOHOOK SECRET");
            for (Tenant t : registry.tenants()) {
                long active = t.apiKeys().stream().filter(k -> !k.revoked()).count();
                out.printf(row, t.id(), t.name(), String.join(",", t.languages()), t.timeZone().getId(),
                        retention(t.retention()), active, t.audioHookSecret().isPresent() ? "set" : "-");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows one tenant: settings, API keys (id, role, created, revoked) and key versions; never a secret.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "T", description = "Tenant id.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TenantAdmin admin = location.admin();
            Tenant t = admin.tenant(id);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("id:               %s%n", t.id());
            out.printf("name:             %s%n", t.name());
            out.printf("languages:        %s%n", String.join(", ", t.languages()));
            out.printf("time zone:        %s%n", t.timeZone().getId());
            out.printf("retention:        %s%n", retention(t.retention()));
            out.printf("audiohook secret: %s%n", t.audioHookSecret().map(s -> "set, rotated " + s.rotated()).orElse("not set"));
            out.printf("encryption keys:  %s%n", keys(admin.keyStatus(id)));
            out.println("api keys:         " + (t.apiKeys().isEmpty() ? "none" : t.apiKeys().size()));
            printKeys(out, t.apiKeys());
            return 0;
        }
    }

    static void printKeys(PrintWriter out, List<ApiKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        String row = "  %-16s %-7s %-21s %s%n";
        out.printf(row, "ID", "ROLE", "CREATED", "STATUS");
        for (ApiKey k : keys) {
            out.printf(row, k.id(), k.role().id(), k.created(), k.revoked() ? "revoked" : "active");
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Removes a tenant from the registry: its API keys stop working within a second.",
                    "Without --shred its encryption keys are kept, so `tenants add` with the same id undoes an accidental"
                            + " remove (recordings open again; API keys must be created anew).",
                    "With --shred its encryption keys are destroyed too (crypto-shredding): every recording sealed for"
                            + " the tenant, including copies in backups, becomes unreadable for good. This cannot be undone."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "T", description = "Tenant id.")
        String id;

        @Option(names = "--shred", description = "Also destroy the tenant's encryption keys (irreversible, see above).")
        boolean shred;

        @Option(names = "--archive", paramLabel = "DIR",
                description = "The recording archive (default: <data dir>/recordings), to say how many recordings a shred makes unreadable.")
        Path archive;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TenantAdmin admin = location.admin();
            Path archiveDir = RecordingsCommand.Location.archiveDir(admin.paths(), archive);
            TenantAdmin.Removed r = admin.remove(id, shred);
            int recordings = new FileSystemRecordingStore(archiveDir).list(id).size();
            PrintWriter out = spec.commandLine().getOut();
            if (r.wasRegistered()) {
                out.printf("removed tenant %s: %d API key%s no longer work%n", id, r.apiKeys(), r.apiKeys() == 1 ? "" : "s");
            } else {
                out.printf("tenant %s was not in the registry%n", id);
            }
            if (r.shredded()) {
                out.printf("shredded the encryption keys of %s: its recordings can no longer be decrypted by anyone%n", id);
                out.printf("  %d archived recording%s in %s %s now unreadable, as is every copy of them in backups;"
                        + " the files stay until they are deleted%n", recordings, recordings == 1 ? "" : "s",
                        archiveDir.resolve(id), recordings == 1 ? "is" : "are");
            } else if (shred) {
                out.printf("%s had no encryption keys left to shred%n", id);
            } else {
                out.printf("its encryption keys are kept: `callsight tenants add --id %s ...` restores access to its"
                        + " recordings; `callsight tenants remove %s --shred` destroys them%n", id, id);
            }
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks the registry file and prints every problem as file:line: message (exit 1 if any).")
    static final class Validate implements Callable<Integer> {
        @Mixin
        Location location;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path file = location.paths().registry();
            if (!Files.exists(file)) {
                throw new IllegalArgumentException(file + " does not exist");
            }
            TenantRegistryFile.Parsed p = TenantRegistryFile.parse(file.toString(), Files.readString(file));
            if (!p.valid()) {
                for (ValidationError e : p.errors()) {
                    spec.commandLine().getErr().println(e);
                }
                return 1;
            }
            spec.commandLine().getOut().printf("%s: ok, %d tenant%s%n", file, p.registry().size(), p.registry().size() == 1 ? "" : "s");
            return 0;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "API keys of a tenant: created once and shown once, stored only as a hash.",
            subcommands = {Keys.Create.class, Keys.ListKeys.class, Keys.Revoke.class})
    static final class Keys implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Creates an API key and prints it once; Callsight keeps only its SHA-256 hash.")
        static final class Create implements Callable<Integer> {
            @Mixin
            Location location;

            @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
            String tenant;

            @Option(names = "--role", required = true, paramLabel = "ROLE",
                    description = "ingest (send audio), qa (read calls), agent (own calls) or admin.")
            String role;

            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                IssuedApiKey issued = location.admin().createKey(tenant, role(role));
                PrintWriter out = spec.commandLine().getOut();
                out.printf("created %s key %s for tenant %s:%n%n", issued.stored().role().id(), issued.stored().id(), tenant);
                out.printf("  %s%n%n", issued.key());
                out.println("This is the only time the key is shown: store it in a secret manager now. Send it as the"
                        + " X-API-KEY header.");
                return 0;
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a tenant's API keys: id, role, created, revoked.")
        static final class ListKeys implements Callable<Integer> {
            @Mixin
            Location location;

            @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
            String tenant;

            @Option(names = "--role", paramLabel = "ROLE", description = "Only keys with this role.")
            String role;

            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                List<ApiKey> keys = location.admin().keys(tenant);
                if (role != null) {
                    Role r = role(role);
                    keys = keys.stream().filter(k -> k.role() == r).toList();
                }
                PrintWriter out = spec.commandLine().getOut();
                if (keys.isEmpty()) {
                    out.printf("tenant %s has no API keys%s%n", tenant, role == null ? "" : " with role " + role);
                }
                printKeys(out, keys);
                return 0;
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revokes an API key: services refuse it within a second. The entry stays for the record.")
        static final class Revoke implements Callable<Integer> {
            @Mixin
            Location location;

            @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
            String tenant;

            @Option(names = "--key-id", required = true, paramLabel = "ID",
                    description = "Key id (the part after csk_, as `tenants keys list` shows it).")
            String keyId;

            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                location.admin().revokeKey(tenant, keyId);
                spec.commandLine().getOut().printf("revoked API key %s of tenant %s%n", keyId, tenant);
                return 0;
            }
        }
    }

    @Command(name = "secret", mixinStandardHelpOptions = true,
            description = "The tenant's AudioHook client secret (stored encrypted by the master key).",
            subcommands = {Secret.Rotate.class})
    static final class Secret implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Generates a new AudioHook client secret and prints it once; the old one stops working"
                        + " within a second.")
        static final class Rotate implements Callable<Integer> {
            @Mixin
            Location location;

            @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
            String tenant;

            @Spec
            CommandSpec spec;

            @Override
            public Integer call() {
                AudioHookSecrets.Rotated rotated = location.admin().rotateSecret(tenant);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("new AudioHook client secret for tenant %s:%n%n  %s%n%n", tenant, rotated.secret());
                out.println("This is the only time it is shown: enter it as the client secret of the tenant's AudioHook"
                        + " integration now. It is stored encrypted with the master key.");
                return 0;
            }
        }
    }

    @Command(name = "rotate-kek", mixinStandardHelpOptions = true,
            description = {"Rotates the tenant's key-encryption key: new recordings are sealed under a new version.",
                    "Then re-wraps the tenant's archived recordings under the new version: only their 60-byte wrapped data"
                            + " keys change, the audio is not re-encrypted. Older versions stay in the keyring, so a recording"
                            + " that could not be re-wrapped still opens."})
    static final class RotateKek implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
        String tenant;

        @Option(names = "--archive", paramLabel = "DIR",
                description = "The recording archive whose recordings are re-wrapped (default: <data dir>/recordings).")
        Path archive;

        @Option(names = "--no-rewrap", description = "Only rotate; leave the archived recordings under their old version.")
        boolean noRewrap;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TenantAdmin admin = location.admin();
            int version = admin.rotateKek(tenant);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("tenant %s: key-encryption key v%d is now current (%s)%n", tenant, version, keys(admin.keyStatus(tenant)));
            if (noRewrap) {
                return 0;
            }
            Path archiveDir = RecordingsCommand.Location.archiveDir(admin.paths(), archive);
            RecordingArchive recordings = new RecordingArchive(new FileSystemRecordingStore(archiveDir),
                    new EnvelopeCipher(admin.keyring()));
            long started = System.nanoTime();
            RecordingArchive.Rewrap r = recordings.rewrap(tenant);
            out.printf("re-wrapped the data keys of %d archived recording%s under v%d in %d ms (%d already were); the audio"
                            + " was not re-encrypted%n", r.rewrapped(), r.rewrapped() == 1 ? "" : "s", version,
                    (System.nanoTime() - started) / 1_000_000, r.current());
            if (!r.failed().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf("%d recording%s of %s in %s could not be re-wrapped and keep their old key version:%n",
                        r.failed().size(), r.failed().size() == 1 ? "" : "s", tenant, archiveDir.resolve(tenant));
                r.failed().forEach(f -> err.println("  " + f));
                return RecordingsCommand.REFUSED;
            }
            return 0;
        }
    }

    @Command(name = "master-key", mixinStandardHelpOptions = true,
            description = "The deployment's master key, which wraps every tenant key and secret.",
            subcommands = {MasterKeyCommand.Create.class})
    static final class MasterKeyCommand implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.out);
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Creates a random master key file (mode 0600) where CALLSIGHT_MASTER_KEY_FILE or the data dir"
                        + " says; refuses to overwrite one.")
        static final class Create implements Callable<Integer> {
            @Mixin
            Location location;

            @Spec
            CommandSpec spec;

            @Override
            public Integer call() throws Exception {
                String inline = System.getenv(TenantPaths.ENV_MASTER_KEY);
                if (inline != null && !inline.isBlank()) {
                    throw new IllegalArgumentException(TenantPaths.ENV_MASTER_KEY + " is set, so a key file would be ignored");
                }
                Path file = location.paths().masterKeyFile();
                MasterKey.generate(file);
                spec.commandLine().getOut().printf("created master key %s (mode 0600)%nBack it up apart from the data dir:"
                        + " without it no tenant key, secret or recording can be decrypted.%n", file);
                return 0;
            }
        }
    }
}
