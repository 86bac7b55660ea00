package io.callsight.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in a child JVM ({@code kafka.Kafka}) started from this
 * JVM's class path. It keeps running after the launcher exits; the pid file is how later
 * {@code callsight status/down} invocations find it again.
 *
 * <p>Files: {@code <dataDir>/kafka/server.properties}, {@code <dataDir>/kafka/data} (log dirs),
 * {@code <dataDir>/logs/kafka.log}, {@code <dataDir>/run/kafka.pid}.
 */
public final class EmbeddedKafka implements StackComponent {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final StackConfig config;
    private final PidFile pidFile;

    public EmbeddedKafka(StackConfig config) {
        this.config = config;
        this.pidFile = new PidFile(config.runDir().resolve("kafka.pid"));
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String url() {
        return config.kafkaBootstrap();
    }

    public Path logFile() {
        return config.logsDir().resolve("kafka.log");
    }

    @Override
    public boolean start() {
        requireEmbedded();
        Optional<ProcessHandle> running = pidFile.liveProcess();
        if (running.isPresent()) {
            log.info("Kafka already running (pid {})", running.get().pid());
            return false;
        }
        Ports.requireFree(config.kafkaPort(), "Kafka");
        Ports.requireFree(config.kafkaControllerPort(), "Kafka controller");
        DiskSpace.requireFree(config.dataDir(), DiskSpace.MIN_FREE_BYTES, "Kafka");

        Path serverProperties = KafkaServerProperties.write(config);
        Path log4jConfig = KafkaServerProperties.writeLog4jConfig(config);
        KafkaStorage.formatIfNeeded(serverProperties, KafkaServerProperties.dataDir(config));

        Process process = DetachedProcess.start(
                command(serverProperties, log4jConfig), Map.of(), config.kafkaDir(), logFile());
        pidFile.write(process.pid());
        log.info("Kafka starting (pid {}) on {}, log {}", process.pid(), url(), logFile());
        return true;
    }

    private List<String> command(Path serverProperties, Path log4jConfig) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JavaRuntime.javaExecutable().toString());
        cmd.add("-Xms" + config.kafkaHeap());
        cmd.add("-Xmx" + config.kafkaHeap());
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + log4jConfig.toUri());
        // Lets `ps` users see what this JVM is; Kafka ignores the property.
        cmd.add("-Dcallsight.component=kafka");
        cmd.add("-cp");
        cmd.add(JavaRuntime.classPath());
        cmd.add("kafka.Kafka");
        cmd.add(serverProperties.toString());
        return cmd;
    }

    /** Polls describeCluster until the broker answers, failing fast if its process dies. */
    @Override
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!config.kafkaExternal()) {
            // An AdminClient logs a warning per failed connection attempt; wait for the port quietly.
            while (!Ports.acceptsConnections(StackConfig.HOST, config.kafkaPort())) {
                failIfExitedOrLate(deadline, timeout);
                sleep(POLL_INTERVAL);
            }
        }
        try (Admin admin = Admin.create(KafkaTopics.adminProperties(url(), timeout))) {
            while (!answersDescribeCluster(admin)) {
                failIfExitedOrLate(deadline, timeout);
            }
        }
    }

    private void failIfExitedOrLate(long deadline, Duration timeout) {
        if (!config.kafkaExternal() && pidFile.liveProcess().isEmpty()) {
            throw new StackException("Kafka broker process exited during startup; see " + logFile(),
                    LogTail.lastLines(logFile(), LOG_LINES_ON_FAILURE));
        }
        if (System.nanoTime() > deadline) {
            throw new StackException("Kafka at " + url() + " did not become ready within "
                    + timeout.toSeconds() + " s; see " + logFile(),
                    LogTail.lastLines(logFile(), LOG_LINES_ON_FAILURE));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Kafka", e);
        }
    }

    private static boolean answersDescribeCluster(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Kafka", e);
        }
    }

    /** Creates missing topics (name → partitions); existing topics are left unchanged. */
    public void ensureTopics(Map<String, Integer> partitionsByTopic) {
        KafkaTopics.ensure(url(), partitionsByTopic, TOPIC_TIMEOUT);
    }

    @Override
    public ComponentStatus status() {
        if (config.kafkaExternal()) {
            return ComponentStatus.external(name(), url());
        }
        return pidFile.status(name(), url());
    }

    @Override
    public boolean stop(Duration graceful) {
        if (config.kafkaExternal()) {
            return false;
        }
        return pidFile.stopProcess(graceful, "Kafka");
    }

    private void requireEmbedded() {
        if (config.kafkaExternal()) {
            throw new StackException("KAFKA_BOOTSTRAP is set (" + url() + "): not starting an embedded Kafka");
        }
    }
}
