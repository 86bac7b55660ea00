package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @Test
    void defaultsAreLocalAndUnderTheHomeDirectory() {
        StackConfig config = StackConfig.builder().environment(Map.of()).build();

        assertEquals(Path.of(System.getProperty("user.home"), ".callsight").toAbsolutePath(), config.dataDir());
        assertEquals("127.0.0.1:9092", config.kafkaBootstrap());
        assertEquals("http://127.0.0.1:9200", config.esUrl());
        assertEquals(9093, config.kafkaControllerPort());
        assertEquals("512m", config.esHeap());
        assertFalse(config.kafkaExternal());
        assertFalse(config.esExternal());
    }

    @Test
    void environmentSelectsExternalServices() {
        StackConfig config = StackConfig.builder()
                .environment(Map.of("KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092", "ES_URL", "https://es.example:9243/"))
                .build();

        assertTrue(config.kafkaExternal());
        assertTrue(config.esExternal());
        assertEquals("kafka-1:9092,kafka-2:9092", config.kafkaBootstrap());
        assertEquals("https://es.example:9243", config.esUrl(), "trailing slash is dropped so paths can be appended");
    }

    @Test
    void blankEnvironmentValuesMeanEmbedded() {
        StackConfig config = StackConfig.builder().environment(Map.of("KAFKA_BOOTSTRAP", " ", "ES_URL", "")).build();

        assertFalse(config.kafkaExternal());
        assertFalse(config.esExternal());
    }

    @Test
    void customPortsShowUpInUrls() {
        StackConfig config = StackConfig.builder().kafkaPort(19092).esHttpPort(19200).build();

        assertEquals("127.0.0.1:19092", config.kafkaBootstrap());
        assertEquals("http://127.0.0.1:19200", config.esUrl());
    }

    @Test
    void rejectsInvalidPort() {
        StackException e = assertThrows(StackException.class, () -> StackConfig.builder().kafkaPort(70000).build());
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }
}
