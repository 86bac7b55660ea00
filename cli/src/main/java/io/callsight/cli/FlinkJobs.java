package io.callsight.cli;

import io.callsight.stack.ComponentStatus;
import io.callsight.stack.DetachedProcess;
import io.callsight.stack.JavaRuntime;
import io.callsight.stack.LogTail;
import io.callsight.stack.PidFile;
import io.callsight.stack.StackComponent;
import io.callsight.stack.StackConfig;
import io.callsight.stack.StackException;
import io.callsight.tenants.TenantPaths;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Flink jobs of the embedded stack: a background JVM running {@code callsight jobs run}, i.e. the speech
 * job on a local MiniCluster. It writes a ready file once the job is RUNNING, which is what the health check
 * waits for.
 */
final class FlinkJobs implements StackComponent {
    private final StackConfig config;
    private final PidFile pidFile;
    private final Path readyFile;
    private Process launched;

    FlinkJobs(StackConfig config) {
        this.config = config;
        this.pidFile = new PidFile(config.runDir().resolve("jobs.pid"));
        this.readyFile = readyFile(config);
    }

    static Path readyFile(StackConfig config) {
        return config.runDir().resolve("jobs.ready");
    }

    @Override
    public String name() {
        return "flink-jobs";
    }

    @Override
    public String url() {
        return "MiniCluster (speech job), log " + logFile();
    }

    Path logFile() {
        return config.logsDir().resolve("jobs.log");
    }

    @Override
    public boolean start() {
        if (pidFile.liveProcess().isPresent()) {
            return false;
        }
        try {
            Files.deleteIfExists(readyFile);
            Files.deleteIfExists(logFile());
            Files.deleteIfExists(config.logsDir().resolve("jobs.out"));
        } catch (IOException e) {
            throw new StackException("cannot reset " + readyFile + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.javaExecutable().toString());
        command.add(System.getenv().getOrDefault("CALLSIGHT_JOBS_HEAP", "-Xmx1536m"));
        // Flink on Java 17 needs the launcher's --add-opens/--add-exports too; pass on what this JVM got.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
                .forEach(command::add);
        command.add("-Dcallsight.root=" + System.getProperty("callsight.root", "."));
        command.add("-Dlog4j2.configurationFile=log4j2-service.properties");
        command.add("-Dcallsight.log.file=" + logFile());
        command.add("-cp");
        command.add(JavaRuntime.classPath());
        command.add(Callsight.class.getName());
        TenantPaths tenants = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        command.addAll(List.of("jobs", "run", "--ready-file", readyFile.toString(),
                "--kafka.bootstrap", config.kafkaBootstrap(), "--es.url", config.esUrl(),
                "--tenants", tenants.registry().toString(), "--data-dir", config.dataDir().toString(),
                "--archive", archiveDir(config).toString()));
        Process process = DetachedProcess.start(command, Map.of(), Path.of(System.getProperty("user.dir")),
                config.logsDir().resolve("jobs.out"));
        pidFile.write(process.pid());
        launched = process;
        return true;
    }

    /** Where the embedded stack's job archives recordings. */
    static Path archiveDir(StackConfig config) {
        return config.dataDir().resolve("recordings");
    }

    @Override
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(readyFile)) {
                return;
            }
            if (launched != null && !launched.isAlive()) {
                throw new StackException("the Flink jobs process exited during startup with code "
                        + launched.exitValue() + "; last lines of its logs:\n" + tail());
            }
            if (launched == null && pidFile.liveProcess().isEmpty()) {
                throw new StackException("the Flink jobs process exited during startup; last lines of its logs:\n"
                        + tail());
            }
            sleep(250);
        }
        throw new StackException("the speech job was not running after " + timeout.toSeconds() + " s; last lines of "
                + logFile() + ":\n" + tail());
    }

    private String tail() {
        String out = LogTail.lastLines(config.logsDir().resolve("jobs.out"), 30);
        String log = LogTail.lastLines(logFile(), 20);
        return (out + "\n" + log).strip();
    }

    @Override
    public ComponentStatus status() {
        return pidFile.status(name(), Files.exists(readyFile) ? url() : "starting, log " + logFile());
    }

    @Override
    public boolean stop(Duration graceful) {
        boolean stopped = pidFile.stopProcess(graceful, "the Flink jobs");
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException ignored) {
            // a stale ready file only matters while the pid file says the process runs
        }
        return stopped;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the Flink jobs");
        }
    }
}
