package io.callsight.cli;

import io.callsight.stack.ComponentStatus;
import io.callsight.stack.DetachedProcess;
import io.callsight.stack.JavaRuntime;
import io.callsight.stack.LogTail;
import io.callsight.stack.PidFile;
import io.callsight.stack.StackComponent;
import io.callsight.stack.StackConfig;
import io.callsight.stack.StackException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service of the embedded stack that is a Callsight command run in a background JVM ({@code callsight jobs run},
 * {@code callsight ingest serve}). The command writes a ready file once it serves, which is what the health check
 * waits for; pid file, logs and ready file are named after the service under the data dir.
 */
abstract class BackgroundService implements StackComponent {
    protected final StackConfig config;
    private final String stem;
    private final PidFile pidFile;
    private final Path readyFile;
    private Process launched;

    /** {@code stem}: the file names' start ({@code jobs} → jobs.pid, jobs.ready, jobs.log, jobs.out). */
    BackgroundService(StackConfig config, String stem) {
        this.config = config;
        this.stem = stem;
        this.pidFile = new PidFile(config.runDir().resolve(stem + ".pid"));
        this.readyFile = config.runDir().resolve(stem + ".ready");
    }

    /** The Callsight command and its arguments, ready file included ({@link #readyFile()}). */
    protected abstract List<String> command();

    /** The JVM's heap option. */
    protected abstract String heap();

    /**
     * Further JVM options from {@code CALLSIGHT_<STEM>_JAVA_OPTS} (e.g. {@code CALLSIGHT_JOBS_JAVA_OPTS}), split at
     * white space: GC settings in production, or a profiler agent ({@code -agentpath:…}) when measuring.
     */
    private List<String> extraJvmOptions() {
        String options = System.getenv("CALLSIGHT_" + stem.toUpperCase(java.util.Locale.ROOT) + "_JAVA_OPTS");
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    /** What {@link #status()} shows once the service is ready. */
    protected abstract String readyDescription();

    /** What the health check says when the service is not ready in time. */
    protected abstract String notReadyMessage(Duration timeout);

    Path readyFile() {
        return readyFile;
    }

    Path logFile() {
        return config.logsDir().resolve(stem + ".log");
    }

    private Path outFile() {
        return config.logsDir().resolve(stem + ".out");
    }

    @Override
    public String url() {
        return readyDescription();
    }

    @Override
    public boolean start() {
        if (pidFile.liveProcess().isPresent()) {
            return false;
        }
        try {
            Files.deleteIfExists(readyFile);
            Files.deleteIfExists(logFile());
            Files.deleteIfExists(outFile());
        } catch (IOException e) {
            throw new StackException("cannot reset " + readyFile + ": " + e.getMessage(), e);
        }
        List<String> java = new ArrayList<>();
        java.add(JavaRuntime.javaExecutable().toString());
        java.add(heap());
        java.addAll(extraJvmOptions());
        // Flink and Kafka clients on Java 17 need the launcher's --add-opens/--add-exports too; pass on what this JVM got.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
                .forEach(java::add);
        java.add("-Dcallsight.root=" + System.getProperty("callsight.root", "."));
        java.add("-Dlog4j2.configurationFile=log4j2-service.properties");
        java.add("-Dcallsight.log.file=" + logFile());
        java.add("-cp");
        java.add(JavaRuntime.classPath());
        java.add(Callsight.class.getName());
        java.addAll(command());
        Process process = DetachedProcess.start(java, Map.of(), Path.of(System.getProperty("user.dir")), outFile());
        pidFile.write(process.pid());
        launched = process;
        return true;
    }

    @Override
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(readyFile)) {
                return;
            }
            if (launched != null && !launched.isAlive()) {
                throw new StackException("the " + name() + " process exited during startup with code "
                        + launched.exitValue() + "; last lines of its logs:\n" + tail());
            }
            if (launched == null && pidFile.liveProcess().isEmpty()) {
                throw new StackException("the " + name() + " process exited during startup; last lines of its logs:\n"
                        + tail());
            }
            sleep(250);
        }
        throw new StackException(notReadyMessage(timeout) + "; last lines of " + logFile() + ":\n" + tail());
    }

    private String tail() {
        return (LogTail.lastLines(outFile(), 30) + "\n" + LogTail.lastLines(logFile(), 20)).strip();
    }

    @Override
    public ComponentStatus status() {
        boolean starting = pidFile.liveProcess().isPresent() && !Files.exists(readyFile);
        return pidFile.status(name(), starting ? "starting, log " + logFile() : url());
    }

    @Override
    public boolean stop(Duration graceful) {
        boolean stopped = pidFile.stopProcess(graceful, "the " + name());
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException ignored) {
            // a stale ready file only matters while the pid file says the process runs
        }
        return stopped;
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the " + name());
        }
    }
}
