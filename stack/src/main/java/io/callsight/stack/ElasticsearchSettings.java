package io.callsight.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * elasticsearch.yml for a private single-node dev cluster. Every key here is accepted by the
 * integ-test distribution (it rejects unknown settings at startup, e.g. settings of modules it
 * does not ship such as ingest-geoip).
 */
public final class ElasticsearchSettings {

    public static final String CLUSTER_NAME = "callsight";

    private ElasticsearchSettings() {}

    public static Map<String, String> forConfig(StackConfig config, Path dataDir, Path logsDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.name", CLUSTER_NAME);
        s.put("network.host", StackConfig.HOST);
        s.put("http.port", Integer.toString(config.esHttpPort()));
        // Pinned so a second stack on other ports doesn't silently grab 9300's neighbours.
        s.put("transport.port", Integer.toString(config.esTransportPort()));
        s.put("discovery.type", "single-node");
        // Bound to loopback only, so plain HTTP without auth is acceptable for the embedded stack.
        s.put("xpack.security.enabled", "false");
        s.put("xpack.ml.enabled", "false");
        // Dev machines are often >90% full; the default watermarks would make indices read-only.
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        s.put("path.data", dataDir.toString());
        s.put("path.logs", logsDir.toString());
        return s;
    }

    public static void write(Path file, Map<String, String> settings) {
        String yaml = "# Written by callsight on every start; edit StackConfig instead.\n"
                + settings.entrySet().stream()
                        .map(e -> e.getKey() + ": " + quote(e.getValue()))
                        .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Quoted YAML scalar, so paths with spaces or colons survive. */
    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
