package io.callsight.cli;

import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Flink jobs of the embedded stack: a background JVM running {@code callsight jobs run}, i.e. the speech
 * job on a local MiniCluster. It writes its ready file once the job is RUNNING.
 */
final class FlinkJobs extends BackgroundService {
    FlinkJobs(StackConfig config) {
        super(config, "jobs");
    }

    @Override
    public String name() {
        return "flink-jobs";
    }

    @Override
    protected String readyDescription() {
        return "MiniCluster (speech job), log " + logFile();
    }

    @Override
    protected String heap() {
        return System.getenv().getOrDefault("CALLSIGHT_JOBS_HEAP", "-Xmx1536m");
    }

    @Override
    protected List<String> command() {
        TenantPaths tenants = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        return List.of("jobs", "run", "--ready-file", readyFile().toString(),
                "--kafka.bootstrap", config.kafkaBootstrap(), "--es.url", config.esUrl(),
                "--tenants", tenants.registry().toString(), "--data-dir", config.dataDir().toString(),
                "--archive", archiveDir(config).toString());
    }

    @Override
    protected String notReadyMessage(Duration timeout) {
        return "the speech job was not running after " + timeout.toSeconds() + " s";
    }

    /** Where the embedded stack's job archives recordings. */
    static Path archiveDir(StackConfig config) {
        return config.dataDir().resolve("recordings");
    }
}
