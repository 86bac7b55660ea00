package io.callsight.cli;

import io.callsight.jobs.SpeechJob;
import io.callsight.jobs.SpeechJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Flink jobs in this JVM on a MiniCluster: what {@code callsight up} starts in the background. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Flink jobs on a local MiniCluster (started by `callsight up`; for a real Flink cluster "
                + "submit analytics-jobs/target/callsight-analytics-jobs-*-job.jar with `flink run`).",
        subcommands = JobsCommand.Run.class)
final class JobsCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the speech job in the foreground until stopped.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--kafka.bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
        String kafka;

        @Option(names = "--es.url", description = "Elasticsearch URL (default: $ES_URL or http://127.0.0.1:9200).")
        String esUrl;

        @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(names = "--ready-file", description = "File to create once the job is running.")
        Path readyFile;

        @Option(names = "--denoise", paramLabel = "none|spectral|rnn", description = "Noise suppression (default: the benchmarked default).")
        String denoise;

        @Option(names = "--vad", paramLabel = "on|off", description = "VAD gating of the recognizer (default: off).")
        String vad;

        @Option(names = "--models", paramLabel = "DIR",
                description = "Tenant NLU models (default: $CALLSIGHT_MODELS or <callsight root>/models).")
        Path models;

        @Option(names = "--model-refresh-ms", paramLabel = "MS",
                description = "How often to look for new model versions and releases (default: 5000).")
        Long modelRefreshMs;

        @Option(names = "--tenants", paramLabel = "FILE",
                description = "Tenant registry: records of other tenants go to the dead letters (default: every tenant accepted).")
        Path tenants;

        @Option(names = "--archive", paramLabel = "DIR",
                description = "Archive every call's recording here, encrypted with its tenant's key (default: no archive).")
        Path archive;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Where the tenants' keyring and the master key are (default: ~/.callsight).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(List.of("--parallelism", String.valueOf(parallelism)));
            if (models != null) {
                args.addAll(List.of("--models", models.toAbsolutePath().toString()));
            }
            if (modelRefreshMs != null) {
                args.addAll(List.of("--model-refresh-ms", String.valueOf(modelRefreshMs)));
            }
            if (tenants != null) {
                args.addAll(List.of("--tenants", tenants.toAbsolutePath().toString()));
            }
            if (archive != null) {
                args.addAll(List.of("--archive", archive.toAbsolutePath().toString()));
            }
            if (dataDir != null) {
                args.addAll(List.of("--data-dir", dataDir.toAbsolutePath().toString()));
            }
            if (kafka != null) {
                args.addAll(List.of("--kafka.bootstrap", kafka));
            }
            if (esUrl != null) {
                args.addAll(List.of("--es.url", esUrl));
            }
            if (denoise != null) {
                args.addAll(List.of("--denoise", denoise));
            }
            if (vad != null) {
                args.addAll(List.of("--vad", vad));
            }
            SpeechJobConfig config = SpeechJobConfig.fromArgs(args.toArray(String[]::new), System.getenv());
            Configuration flink = new Configuration();
            flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
            // No RocksDB here: the state fits the heap, so managed memory is kept small too.
            flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
            // Checkpoints on disk, not in the JobManager's memory (5 MB a task): the archive holds each call's audio
            // in state until its recording is written, a few MB per call.
            Path home = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".callsight");
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, home.toAbsolutePath().resolve("checkpoints").toUri().toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
            SpeechJob.configure(env, config);
            SpeechJob.build(env, config);
            JobClient job = env.executeAsync("callsight-speech");
            while (job.getJobStatus().get() != JobStatus.RUNNING) {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    job.getJobExecutionResult().get();
                    return 1;
                }
                Thread.sleep(200);
            }
            if (readyFile != null) {
                Files.createDirectories(readyFile.getParent());
                Files.writeString(readyFile, job.getJobID().toString());
            }
            System.out.println("speech job " + job.getJobID() + " running");
            job.getJobExecutionResult().get();
            return 0;
        }
    }
}
