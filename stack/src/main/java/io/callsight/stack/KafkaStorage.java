package io.callsight.stack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the KRaft log directory once, like {@code kafka-storage.sh format --standalone}. Runs
 * Kafka's own StorageTool in-process (its {@code execute} returns instead of calling System.exit),
 * which saves starting a second JVM.
 */
public final class KafkaStorage {

    private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);

    private KafkaStorage() {}

    public static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve("meta.properties"));
    }

    public static void formatIfNeeded(Path serverProperties, Path logDir) {
        if (isFormatted(logDir)) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        log.info("Formatting Kafka storage {} (cluster id {})", logDir, clusterId);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = kafka.tools.StorageTool.execute(
                    new String[] {"format", "--standalone", "-t", clusterId, "-c", serverProperties.toString()}, out);
        } catch (Exception e) {
            // StorageTool reports usage problems as TerseFailure with a readable message.
            throw new StackException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        if (exitCode != 0) {
            throw new StackException("cannot format Kafka storage in " + logDir + " (exit code " + exitCode + ")",
                    output.toString(StandardCharsets.UTF_8));
        }
    }
}
