package io.callsight.cli;

import io.callsight.ingest.ImportResult;
import io.callsight.ingest.KafkaCallSink;
import io.callsight.ingest.RecordingImporter;
import io.callsight.ingest.RecordingReader;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.crypto.CallerIdSalts;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import recorded calls into Kafka (calls.events + calls.audio).",
                "Stereo WAV: left = customer, right = agent; mono = customer only. PCM16, μ-law or A-law at 8 or 16 kHz.",
                "A sidecar <name>.json may give tenant, callId, agentId, direction, startTime, campaign, ani, dnis.",
                "Each call is one Kafka transaction: a bad file is reported and skipped, never half-written."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Parameters(arity = "1..*", paramLabel = "WAV|DIR", description = "Files, or directories of *.wav files.")
    List<Path> inputs;

    @Option(names = "--tenant", defaultValue = "demo", description = "Tenant for files without a sidecar tenant "
            + "(default: ${DEFAULT-VALUE}); every call's tenant must be in the tenant registry.")
    String tenant;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "Tenant registry (default: $CALLSIGHT_TENANTS, else <data dir>/tenants.yaml).")
    Path registry;

    @Option(names = "--frame-ms", defaultValue = "100", description = "Audio frame duration on Kafka (default: ${DEFAULT-VALUE}).")
    int frameMs;

    @Override
    public Integer call() {
        TenantPaths paths = TenantPaths.resolve(stack.config().dataDir(), registry, System.getenv());
        List<ImportResult> results = importCalls(stack.config().kafkaBootstrap(), paths.registry(), tenant, frameMs, inputs);
        long failed = results.stream().filter(r -> !r.ok()).count();
        System.out.printf("%d imported, %d failed%n", results.size() - failed, failed);
        return failed == 0 ? 0 : 2;
    }

    /**
     * The tenants' caller-id salts, from the master key next to the registry (the data dir) or in the environment;
     * without a master key, the tenant id (hashes kept apart between tenants, but not secret).
     */
    static java.util.function.Function<String, String> callerIdSalt(Path registry) {
        Path dataDir = registry.toAbsolutePath().getParent();
        TenantPaths paths = TenantPaths.resolve(dataDir, registry, System.getenv());
        if (!MasterKey.configured(paths, System.getenv())) {
            return tenantId -> tenantId;
        }
        return new CallerIdSalts(MasterKey.load(paths, System.getenv()))::forTenant;
    }

    /** Imports the calls whose tenant {@code registry} knows; fails before publishing anything without a registry. */
    static List<ImportResult> importCalls(String bootstrap, Path registry, String tenant, int frameMs, List<Path> inputs) {
        if (!Files.exists(registry)) {
            throw new IllegalStateException("no tenant registry at " + registry + ": add the tenant first "
                    + "(callsight tenants add --id T --name N), or run callsight demo for the demo tenants");
        }
        TenantRegistry tenants;
        try {
            tenants = TenantRegistryFile.read(registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tenant registry " + registry + ": " + e.getMessage(), e);
        }
        try (KafkaCallSink sink = KafkaCallSink.perCallTransaction(bootstrap)) {
            RecordingImporter importer = new RecordingImporter(new RecordingReader(tenant, callerIdSalt(registry)), sink, frameMs,
                    tenants::contains, registry.toString());
            return importer.importAll(inputs, r -> (r.ok() ? System.out : System.err).println(r.describe()));
        }
    }
}
