package io.callsight.cli;

import io.callsight.stack.StackConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to the stack. */
public final class StackOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded stack keeps its data, logs and pid files (default: ~/.callsight).")
    Path dataDir;

    @Option(names = "--es-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Elasticsearch heap size (default: ${DEFAULT-VALUE}).")
    String esHeap;

    /** KAFKA_BOOTSTRAP and ES_URL in the environment point the commands at existing clusters. */
    public StackConfig config() {
        StackConfig.Builder builder = StackConfig.builder().environment(System.getenv()).esHeap(esHeap);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        return builder.build();
    }
}
