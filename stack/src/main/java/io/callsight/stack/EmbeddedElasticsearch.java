package io.callsight.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Elasticsearch node from the integ-test distribution, unpacked under the data dir and run
 * with the launcher's own JDK (the distribution bundles none; ES 8.19 accepts Java 17). It is
 * started with {@code bin/elasticsearch -d -p <pidfile>}: ES daemonizes itself and keeps running
 * after the launcher exits.
 *
 * <p>Files under {@code <dataDir>/elasticsearch/}: {@code home} (distribution + config),
 * {@code data}, {@code logs} (ES's own log is {@code logs/callsight.log}) and
 * {@code elasticsearch.pid} (written by ES itself, so it lives in a folder the ES user owns).
 * The output of the start command goes to {@code <dataDir>/logs/elasticsearch-start.log}.
 *
 * <p>As root, everything under {@code <dataDir>/elasticsearch} belongs to user {@code callsight}
 * and ES runs as that user; see {@link ServiceUser#makeTraversable} for data dirs under /root.
 */
public final class EmbeddedElasticsearch implements StackComponent {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final int LOG_LINES_ON_FAILURE = 30;
    private static final int START_LOG_LINES_ON_FAILURE = 10;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Pattern HEALTHY = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");

    private final StackConfig config;
    private final PidFile pidFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** The {@code elasticsearch -d} command launched by this JVM; exits once the node has started. */
    private Process starter;

    public EmbeddedElasticsearch(StackConfig config) {
        this.config = config;
        this.pidFile = new PidFile(config.elasticsearchDir().resolve("elasticsearch.pid"));
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public String url() {
        return config.esUrl();
    }

    public Path home() {
        return config.elasticsearchDir().resolve("home");
    }

    /** ES names its main log after the cluster. */
    public Path logFile() {
        return logsDir().resolve(ElasticsearchSettings.CLUSTER_NAME + ".log");
    }

    public Path startLogFile() {
        return config.logsDir().resolve("elasticsearch-start.log");
    }

    private Path dataDir() {
        return config.elasticsearchDir().resolve("data");
    }

    private Path logsDir() {
        return config.elasticsearchDir().resolve("logs");
    }

    @Override
    public boolean start() {
        requireEmbedded();
        Optional<ProcessHandle> running = pidFile.liveProcess();
        if (running.isPresent()) {
            log.info("Elasticsearch already running (pid {})", running.get().pid());
            return false;
        }
        Ports.requireFree(config.esHttpPort(), "Elasticsearch HTTP");
        Ports.requireFree(config.esTransportPort(), "Elasticsearch transport");
        DiskSpace.requireFree(config.dataDir(), DiskSpace.MIN_FREE_BYTES, "Elasticsearch");

        ElasticsearchDistribution.unpackIfNeeded(ElasticsearchDistribution.locateZip(), home());
        createDirectories(dataDir(), logsDir());
        ElasticsearchSettings.write(home().resolve("config").resolve("elasticsearch.yml"),
                ElasticsearchSettings.forConfig(config, dataDir(), logsDir()));

        List<String> command = new ArrayList<>();
        if (ServiceUser.currentUserIsRoot()) {
            ServiceUser.ensureExists();
            // ES writes its keystore into config/, its pid file, data and logs: it must own them all.
            ServiceUser.chownRecursively(config.elasticsearchDir());
            ServiceUser.makeTraversable(config.elasticsearchDir());
            command.addAll(ServiceUser.runAsPrefix());
        }
        command.add(home().resolve("bin").resolve("elasticsearch").toString());
        command.addAll(List.of("-d", "-p", pidFile.path().toString()));

        starter = DetachedProcess.start(command, environment(), home(), startLogFile());
        log.info("Elasticsearch starting on {}, log {}", url(), logFile());
        return true;
    }

    private Map<String, String> environment() {
        String heap = config.esHeap();
        return Map.of(
                // No bundled JDK in the integ-test zip: run ES on the launcher's JDK.
                "ES_JAVA_HOME", JavaRuntime.javaHome().toString(),
                "ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
    }

    /** Polls {@code _cluster/health} until yellow or green, failing fast if ES exits. */
    @Override
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isHealthy()) {
                return;
            }
            if (!config.esExternal()) {
                failIfExited();
            }
            if (System.nanoTime() > deadline) {
                throw failure("Elasticsearch at " + url() + " did not become ready within "
                        + timeout.toSeconds() + " s; see " + logFile());
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** True if the cluster answers with status green or yellow. */
    public boolean isHealthy() {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && HEALTHY.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Elasticsearch", e);
        }
    }

    private void failIfExited() {
        if (starter != null && !starter.isAlive()) {
            if (starter.exitValue() != 0) {
                throw failure("Elasticsearch failed to start (exit code " + starter.exitValue() + "); see "
                        + logFile() + " and " + startLogFile());
            }
            // `-d` returned successfully: from now on the daemon's pid file tells whether it lives.
            if (pidFile.liveProcess().isEmpty()) {
                throw failure("Elasticsearch process exited after starting; see " + logFile());
            }
        } else if (starter == null && pidFile.liveProcess().isEmpty()) {
            throw failure("Elasticsearch is not running; see " + logFile());
        }
    }

    private StackException failure(String message) {
        return new StackException(message, LogTail.lastLines(logFile(), LOG_LINES_ON_FAILURE) + "\n"
                + LogTail.lastLines(startLogFile(), START_LOG_LINES_ON_FAILURE));
    }

    @Override
    public ComponentStatus status() {
        if (config.esExternal()) {
            return ComponentStatus.external(name(), url());
        }
        return pidFile.status(name(), url());
    }

    @Override
    public boolean stop(Duration graceful) {
        if (config.esExternal()) {
            return false;
        }
        boolean stopped = pidFile.stopProcess(graceful, "Elasticsearch");
        stopStarter();
        return stopped;
    }

    /** A start that is aborted before the node is up still has its {@code -d} command running. */
    private void stopStarter() {
        if (starter != null && starter.isAlive()) {
            starter.descendants().forEach(ProcessHandle::destroy);
            starter.destroy();
        }
    }

    private void requireEmbedded() {
        if (config.esExternal()) {
            throw new StackException("ES_URL is set (" + url() + "): not starting an embedded Elasticsearch");
        }
    }

    private static void createDirectories(Path... dirs) {
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StackException("cannot create " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
