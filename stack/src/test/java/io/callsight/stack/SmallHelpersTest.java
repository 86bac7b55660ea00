package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallHelpersTest {

    @TempDir
    Path dir;

    @Test
    void logTailReturnsTheLastLines() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "one\ntwo\nthree\nfour\n");

        String tail = LogTail.lastLines(log, 2);

        assertTrue(tail.endsWith("three\nfour"), tail);
        assertTrue(LogTail.lastLines(dir.resolve("missing.log"), 5).contains("no log file"));
    }

    @Test
    void kafkaListensOnLoopbackOnly() {
        StackConfig config = StackConfig.builder().dataDir(dir).kafkaPort(19092).kafkaControllerPort(19093).build();

        Map<String, String> props = KafkaServerProperties.forConfig(config);

        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", props.get("listeners"));
        assertEquals("1", props.get("offsets.topic.replication.factor"));
        assertEquals("0", props.get("group.initial.rebalance.delay.ms"));
    }

    @Test
    void elasticsearchSettingsUseConfiguredPorts() {
        StackConfig config = StackConfig.builder().dataDir(dir).esHttpPort(19200).esTransportPort(19300).build();

        Map<String, String> settings = ElasticsearchSettings.forConfig(config, dir.resolve("d"), dir.resolve("l"));

        assertEquals("19200", settings.get("http.port"));
        assertEquals("19300", settings.get("transport.port"));
        assertEquals("127.0.0.1", settings.get("network.host"));
        assertEquals("single-node", settings.get("discovery.type"));
    }

    @Test
    void nearlyFullDiskIsRefusedWithAClearMessage() {
        StackException e = assertThrows(StackException.class,
                () -> DiskSpace.requireFree(dir, Long.MAX_VALUE, "Elasticsearch"));
        assertTrue(e.getMessage().contains("Elasticsearch needs at least"), e.getMessage());
    }

    @Test
    void makeTraversableAddsOnlyTheOthersExecuteBit() throws Exception {
        Path privateDir = Files.createDirectory(dir.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path target = Files.createDirectory(privateDir.resolve("es"));

        assertTrue(ServiceUser.makeTraversable(target).contains(privateDir));

        assertEquals(PosixFilePermissions.fromString("rwx-----x"), Files.getPosixFilePermissions(privateDir));
        assertTrue(ServiceUser.makeTraversable(target).isEmpty(), "second call changes nothing");
    }

    @Test
    void classPathExpandsManifestOnlyJars() {
        // Under surefire java.class.path is a single manifest-only booter jar.
        String[] entries = JavaRuntime.classPath().split(File.pathSeparator);

        assertTrue(Arrays.stream(entries).anyMatch(e -> e.contains("kafka_2.13")), String.join("\n", entries));
    }

    @Test
    void unpackKeepsExecutableBits() throws Exception {
        Path home = dir.resolve("home");
        ElasticsearchDistribution.unpackIfNeeded(ElasticsearchDistribution.locateZip(), home);

        assertTrue(Files.getPosixFilePermissions(home.resolve("bin/elasticsearch")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(Files.isRegularFile(home.resolve("config/elasticsearch.yml")));
    }
}
