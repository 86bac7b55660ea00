package io.callsight.jobs;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the speech job. The same keys work as {@code --key value} arguments (for {@code flink run})
 * and as environment variables (for the launcher): {@code KAFKA_BOOTSTRAP}, {@code ES_URL}, {@code ES_API_KEY},
 * {@code CALLSIGHT_VOSK_MODEL}.
 */
public record SpeechJobConfig(
        String kafkaBootstrap,
        String esUrl,
        String esApiKey,
        String voskModel,
        String groupId,
        int parallelism,
        long checkpointIntervalMs,
        long trackIdleTimeoutMs) implements Serializable {

    public static SpeechJobConfig fromArgs(String[] args, Map<String, String> env) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "': options look like --key value");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            a.put(args[i].substring(2), args[++i]);
        }
        return new SpeechJobConfig(
                a.getOrDefault("kafka.bootstrap", env.getOrDefault("KAFKA_BOOTSTRAP", "127.0.0.1:9092")),
                a.getOrDefault("es.url", env.getOrDefault("ES_URL", "http://127.0.0.1:9200")),
                a.getOrDefault("es.api-key", env.get("ES_API_KEY")),
                a.getOrDefault("vosk.model", env.get("CALLSIGHT_VOSK_MODEL")),
                a.getOrDefault("group.id", "callsight-speech"),
                Integer.parseInt(a.getOrDefault("parallelism", "2")),
                Long.parseLong(a.getOrDefault("checkpoint.interval.ms", "5000")),
                Long.parseLong(a.getOrDefault("track.idle.timeout.ms", "120000")));
    }
}
