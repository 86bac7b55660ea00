package io.callsight.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** server.properties for a single-node KRaft Kafka (one process is both broker and controller). */
public final class KafkaServerProperties {

    private KafkaServerProperties() {}

    public static Map<String, String> forConfig(StackConfig config) {
        String host = StackConfig.HOST;
        String broker = "PLAINTEXT://" + host + ":" + config.kafkaPort();
        String controller = "CONTROLLER://" + host + ":" + config.kafkaControllerPort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // Dynamic quorum (KIP-853); matches `StorageTool format --standalone`.
        p.put("controller.quorum.bootstrap.servers", host + ":" + config.kafkaControllerPort());
        p.put("listeners", broker + "," + controller);
        p.put("advertised.listeners", broker + "," + controller);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir(config).toString());
        // One broker: every internal topic must be satisfiable with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Nobody else will join the group: don't make the first consumer wait 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        return p;
    }

    public static Path dataDir(StackConfig config) {
        return config.kafkaDir().resolve("data");
    }

    public static Path write(StackConfig config) {
        Path file = config.kafkaDir().resolve("server.properties");
        String text = "# Written by callsight on every start; edit StackConfig instead.\n"
                + forConfig(config).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"));
        writeFile(file, text);
        return file;
    }

    /**
     * Kafka 4 logs through log4j2. Without this file a launcher classpath that carries log4j-core
     * would make the broker log errors only, and kafka.log would be useless for diagnosis.
     */
    public static Path writeLog4jConfig(StackConfig config) {
        Path file = config.kafkaDir().resolve("log4j2.properties");
        writeFile(file, String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = warn",
                "logger.state.name = state.change.logger",
                "logger.state.level = warn",
                ""));
        return file;
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
