package io.callsight.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the embedded stack lives and which ports it uses. Everything binds to {@link #HOST} only:
 * the embedded stack is a developer/demo tool and must never be reachable from the network.
 *
 * <p>{@code KAFKA_BOOTSTRAP} / {@code ES_URL} in the environment mean "use this external service";
 * the matching embedded component is then neither started nor stopped.
 */
public record StackConfig(
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int esHttpPort,
        int esTransportPort,
        int ingestPort,
        int voicebotPort,
        String esHeap,
        String kafkaHeap,
        Optional<String> externalKafkaBootstrap,
        Optional<String> externalEsUrl) {

    public static final String HOST = "127.0.0.1";
    public static final String ENV_KAFKA_BOOTSTRAP = "KAFKA_BOOTSTRAP";
    public static final String ENV_ES_URL = "ES_URL";

    public StackConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.toAbsolutePath().normalize();
        requirePort(kafkaPort, "Kafka port");
        requirePort(kafkaControllerPort, "Kafka controller port");
        requirePort(esHttpPort, "Elasticsearch HTTP port");
        requirePort(esTransportPort, "Elasticsearch transport port");
        requirePort(ingestPort, "ingest service port");
        requirePort(voicebotPort, "voicebot gateway port");
        Objects.requireNonNull(esHeap, "esHeap");
        Objects.requireNonNull(kafkaHeap, "kafkaHeap");
        externalKafkaBootstrap = externalKafkaBootstrap.filter(s -> !s.isBlank()).map(String::trim);
        externalEsUrl = externalEsUrl.filter(s -> !s.isBlank()).map(StackConfig::withoutTrailingSlash);
    }

    /** Defaults plus {@code KAFKA_BOOTSTRAP} / {@code ES_URL} from the process environment. */
    public static StackConfig defaults() {
        return builder().environment(System.getenv()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Bootstrap servers for clients: the external cluster if configured, else the embedded broker. */
    public String kafkaBootstrap() {
        return externalKafkaBootstrap.orElse(HOST + ":" + kafkaPort);
    }

    /** Base URL (no trailing slash) of the external cluster if configured, else the embedded node. */
    public String esUrl() {
        return externalEsUrl.orElse("http://" + HOST + ":" + esHttpPort);
    }

    public boolean kafkaExternal() {
        return externalKafkaBootstrap.isPresent();
    }

    public boolean esExternal() {
        return externalEsUrl.isPresent();
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path elasticsearchDir() {
        return dataDir.resolve("elasticsearch");
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new StackException(what + " " + port + " is not a valid port (1-65535)");
        }
    }

    private static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    public static final class Builder {
        private Path dataDir = Path.of(System.getProperty("user.home"), ".callsight");
        private int kafkaPort = 9092;
        private int kafkaControllerPort = 9093;
        private int esHttpPort = 9200;
        private int esTransportPort = 9300;
        private int ingestPort = 8088;
        private int voicebotPort = 8089;
        private String esHeap = "512m";
        private String kafkaHeap = "384m";
        private String externalKafkaBootstrap;
        private String externalEsUrl;

        private Builder() {}

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder esHttpPort(int port) {
            this.esHttpPort = port;
            return this;
        }

        public Builder esTransportPort(int port) {
            this.esTransportPort = port;
            return this;
        }

        /** The voicebot gateway's port (Twilio Media Streams WebSocket). */
        public Builder voicebotPort(int port) {
            this.voicebotPort = port;
            return this;
        }

        /** The live ingest service's port (AudioHook WebSocket, live transcripts). */
        public Builder ingestPort(int port) {
            this.ingestPort = port;
            return this;
        }

        /** JVM heap size for Elasticsearch, in -Xmx syntax (e.g. {@code 512m}, {@code 1g}). */
        public Builder esHeap(String heap) {
            this.esHeap = heap;
            return this;
        }

        /** JVM heap size for the Kafka broker, in -Xmx syntax. */
        public Builder kafkaHeap(String heap) {
            this.kafkaHeap = heap;
            return this;
        }

        public Builder externalKafkaBootstrap(String bootstrap) {
            this.externalKafkaBootstrap = bootstrap;
            return this;
        }

        public Builder externalEsUrl(String url) {
            this.externalEsUrl = url;
            return this;
        }

        /** Applies {@code KAFKA_BOOTSTRAP} and {@code ES_URL} from the given environment, if set. */
        public Builder environment(Map<String, String> env) {
            if (env.get(ENV_KAFKA_BOOTSTRAP) != null) {
                externalKafkaBootstrap = env.get(ENV_KAFKA_BOOTSTRAP);
            }
            if (env.get(ENV_ES_URL) != null) {
                externalEsUrl = env.get(ENV_ES_URL);
            }
            return this;
        }

        public StackConfig build() {
            return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, esHttpPort, esTransportPort, ingestPort, voicebotPort,
                    esHeap, kafkaHeap, Optional.ofNullable(externalKafkaBootstrap),
                    Optional.ofNullable(externalEsUrl));
        }
    }
}
