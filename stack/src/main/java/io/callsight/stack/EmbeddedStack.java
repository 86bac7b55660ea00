package io.callsight.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Kafka + Elasticsearch pair behind {@code callsight up/down/status}. Components that
 * are configured as external ({@code KAFKA_BOOTSTRAP}, {@code ES_URL}) are never started or
 * stopped, only reported.
 */
public final class EmbeddedStack {

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    private final StackConfig config;
    private final EmbeddedKafka kafka;
    private final EmbeddedElasticsearch elasticsearch;

    public EmbeddedStack(StackConfig config) {
        this.config = config;
        this.kafka = new EmbeddedKafka(config);
        this.elasticsearch = new EmbeddedElasticsearch(config);
    }

    public StackConfig config() {
        return config;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    public StackUrls up() {
        return up(EmbeddedKafka.DEFAULT_HEALTH_TIMEOUT, EmbeddedElasticsearch.DEFAULT_HEALTH_TIMEOUT);
    }

    /**
     * Starts the local components and waits until they answer. Both are launched before waiting
     * on either, so they boot in parallel. If anything fails, whatever this call launched is
     * stopped again: {@code up} leaves no half-started stack behind.
     */
    public StackUrls up(Duration kafkaTimeout, Duration esTimeout) {
        List<StackComponent> launched = new ArrayList<>();
        try {
            for (StackComponent component : localComponents()) {
                if (component.start()) {
                    launched.add(component);
                }
            }
            long started = System.nanoTime();
            if (!config.kafkaExternal()) {
                kafka.awaitHealthy(kafkaTimeout);
                log.info("Kafka ready at {} ({} ms)", kafka.url(), millisSince(started));
            }
            if (!config.esExternal()) {
                elasticsearch.awaitHealthy(esTimeout);
                log.info("Elasticsearch ready at {} ({} ms)", elasticsearch.url(), millisSince(started));
            }
            return urls();
        } catch (RuntimeException e) {
            for (StackComponent component : launched) {
                stopQuietly(component);
            }
            throw e;
        }
    }

    public StackUrls urls() {
        return new StackUrls(config.kafkaBootstrap(), config.esUrl());
    }

    /** Stops the local components; returns the names of those that were running. */
    public List<String> down() {
        return down(DEFAULT_STOP_TIMEOUT);
    }

    public List<String> down(Duration graceful) {
        List<String> stopped = new ArrayList<>();
        // Reverse start order: ES first, so nothing keeps writing to Kafka while it shuts down.
        List<StackComponent> components = new ArrayList<>(localComponents());
        java.util.Collections.reverse(components);
        for (StackComponent component : components) {
            if (component.stop(graceful)) {
                stopped.add(component.name());
            }
        }
        return stopped;
    }

    /** One status per component, external ones included; {@code toString()} of each is printable. */
    public List<ComponentStatus> status() {
        return List.of(kafka.status(), elasticsearch.status());
    }

    private List<StackComponent> localComponents() {
        List<StackComponent> local = new ArrayList<>();
        if (!config.kafkaExternal()) {
            local.add(kafka);
        }
        if (!config.esExternal()) {
            local.add(elasticsearch);
        }
        return local;
    }

    private static void stopQuietly(StackComponent component) {
        try {
            component.stop(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.warn("Could not stop {} after a failed start: {}", component.name(), e.getMessage());
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
