package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real stack on non-default ports from a separate "launcher" JVM, then checks, uses and
 * stops it from this JVM — the same split as {@code callsight up} followed by {@code callsight down}.
 */
@Tag("stack")
class EmbeddedStackIntegrationTest {

    private static final int KAFKA_PORT = 19092;
    private static final int CONTROLLER_PORT = 19093;
    private static final int ES_HTTP_PORT = 19200;
    private static final int ES_TRANSPORT_PORT = 19300;

    @TempDir
    Path dataDir;

    @Test
    void upUseAndDown() throws Exception {
        StackConfig config = StackConfig.builder()
                .dataDir(dataDir)
                .kafkaPort(KAFKA_PORT)
                .kafkaControllerPort(CONTROLLER_PORT)
                .esHttpPort(ES_HTTP_PORT)
                .esTransportPort(ES_TRANSPORT_PORT)
                .build();
        EmbeddedStack stack = new EmbeddedStack(config);
        try {
            long started = System.nanoTime();
            runLauncherJvm();
            System.out.printf("stack up via launcher JVM in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            List<ComponentStatus> status = stack.status();
            status.forEach(s -> System.out.println("status: " + s));
            assertTrue(status.stream().allMatch(ComponentStatus::running), status.toString());
            long kafkaPid = status.get(0).pid().orElseThrow();
            long esPid = status.get(1).pid().orElseThrow();

            // `up` again is a no-op that only re-checks health.
            stack.up(Duration.ofSeconds(30), Duration.ofSeconds(30));
            assertEquals(kafkaPid, stack.kafka().status().pid().orElseThrow());

            checkKafka(stack);
            checkElasticsearch(config.esUrl());

            assertEquals(List.of("elasticsearch", "kafka"), stack.down());
            assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false), "Kafka pid gone");
            assertFalse(ProcessHandle.of(esPid).map(ProcessHandle::isAlive).orElse(false), "ES pid gone");
            assertTrue(stack.status().stream().noneMatch(ComponentStatus::running));
            assertTrue(stack.down().isEmpty(), "second down has nothing to stop");
        } finally {
            stack.down(Duration.ofSeconds(10));
        }
    }

    private void runLauncherJvm() throws Exception {
        Path output = dataDir.resolve("launcher-output.txt");
        Process launcher = new ProcessBuilder(
                JavaRuntime.javaExecutable().toString(), "-cp", JavaRuntime.classPath(),
                "-Dcallsight.root=" + System.getProperty("callsight.root", ""),
                StackCommandMain.class.getName(), "up", dataDir.toString(),
                Integer.toString(KAFKA_PORT), Integer.toString(CONTROLLER_PORT),
                Integer.toString(ES_HTTP_PORT), Integer.toString(ES_TRANSPORT_PORT))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!launcher.waitFor(240, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
            fail("launcher JVM did not finish: " + Files.readString(output));
        }
        String text = Files.readString(output);
        System.out.println(text);
        assertEquals(0, launcher.exitValue(), text);
    }

    private static void checkKafka(EmbeddedStack stack) throws Exception {
        String bootstrap = stack.config().kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertEquals(1, admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size());
        }
        stack.kafka().ensureTopics(Map.of("it.calls", 3, "it.events", 1));
        stack.kafka().ensureTopics(Map.of("it.calls", 3)); // idempotent
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            assertTrue(names.containsAll(Set.of("it.calls", "it.events")), names.toString());
            assertEquals(3, admin.describeTopics(List.of("it.calls")).allTopicNames().get()
                    .get("it.calls").partitions().size());
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("it.events", "call-1", "hello")).get(30, TimeUnit.SECONDS);
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("it.events", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    assertEquals("call-1", record.key());
                    assertEquals("hello", record.value());
                    return;
                }
            }
            fail("record not consumed within 30 s");
        }
    }

    /**
     * The integ-test distribution lacks the rest-root module, so {@code GET /} answers 405 (and the
     * Java client's {@code info()} fails); the node's version comes from {@code _nodes} instead.
     */
    private static void checkElasticsearch(String esUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(esUrl + "/_nodes/_local?filter_path=nodes.*.version")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"version\":\"8.19.21\""), response.body());
    }
}
