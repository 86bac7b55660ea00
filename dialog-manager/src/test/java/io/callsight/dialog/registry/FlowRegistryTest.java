package io.callsight.dialog.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.engine.DialogSession;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.testing.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRegistryTest {
    @TempDir
    Path dir;
    private Path file;
    private String original;
    private long tick = 1_700_000_000_000L;

    @BeforeEach
    void copyTheEngineFlow() throws IOException {
        original = Files.readString(TestFlows.RESOURCES.resolve("flows/engine.yml"));
        file = dir.resolve("tenant-a/engine.yml");
        Files.createDirectories(file.getParent());
        write(original);
    }

    /** Writes with a later modification time, as an editor saving the file would. */
    private void write(String content) throws IOException {
        Files.writeString(file, content);
        tick += 2000;
        Files.setLastModifiedTime(file, FileTime.fromMillis(tick));
    }

    private FlowRegistry registry() {
        return new FlowRegistry(dir, TestFlows.catalog());
    }

    private static String greeting(DialogSession s) {
        return s.start().text();
    }

    @Test
    void loadsEveryFlowOfTheDirectory() {
        FlowRegistry r = registry();
        ReloadReport report = r.reload();
        assertEquals(1, report.loaded().size(), report.toString());
        assertTrue(r.flow("test-bank", "engine-test").isPresent());
        assertEquals(List.of(), r.reload().loaded(), "nothing changed, nothing reloaded");
    }

    @Test
    void aChangedFileIsServedToNewSessionsWhileRunningOnesKeepTheirVersion() throws IOException {
        FlowRegistry r = registry();
        r.reload();
        DialogSession running = r.startSession("test-bank", "engine-test", TestFlows.CLOCK);
        Flow before = running.flow();
        assertEquals("Hello from Test Bank. How can I help?", greeting(running));

        write(original.replace("prompt: How can I help?", "prompt: What can I do for you?"));
        ReloadReport report = r.reload();
        assertEquals(1, report.loaded().size());
        Flow after = r.flow("test-bank", "engine-test").orElseThrow();
        assertNotEquals(before.version(), after.version());

        assertEquals("Hello from Test Bank. What can I do for you?", greeting(new DialogSession(after, TestFlows.CLOCK)));
        // the running call still answers from the version it started with
        assertEquals("Say balance, or lost card.", running.onUtterance(UserTurn.words("pardon")).text());
        assertEquals(before.version(), running.record().flowVersion());
    }

    @Test
    void anInvalidChangeKeepsTheLastGoodVersionAndSaysWhy() throws IOException {
        FlowRegistry r = registry();
        r.reload();
        Flow good = r.flow("test-bank", "engine-test").orElseThrow();
        write(original.replace("check_balance: account", "check_balance: nowhere"));
        ReloadReport report = r.reload();
        assertEquals(List.of(file.toString()), report.rejected());
        assertTrue(report.errors().stream().anyMatch(e -> e.file().equals(file.toString()) && e.message().contains("unknown state 'nowhere'")),
                report.errors().toString());
        assertEquals(good.version(), r.flow("test-bank", "engine-test").orElseThrow().version());

        write(original.replace("prompt: How can I help?", "prompt: Fixed."));
        assertEquals(1, r.reload().loaded().size());
        assertNotEquals(good.version(), r.flow("test-bank", "engine-test").orElseThrow().version());
    }

    @Test
    void aDeletedFileTakesItsFlowOutOfService() throws IOException {
        FlowRegistry r = registry();
        r.reload();
        Files.delete(file);
        assertEquals(List.of("test-bank/engine-test"), r.reload().removed());
        assertTrue(r.flow("test-bank", "engine-test").isEmpty());
    }

    @Test
    void twoFilesDefiningTheSameFlowAreReported() throws IOException {
        FlowRegistry r = registry();
        r.reload();
        Path copy = dir.resolve("tenant-a/copy.yml");
        Files.writeString(copy, original);
        ReloadReport report = r.reload();
        assertEquals(List.of(copy.toString()), report.rejected());
        assertTrue(report.errors().get(0).message().contains("already defined in " + file));
    }

    @Test
    void pollingPicksUpChangesWithoutARestart() throws Exception {
        BlockingQueue<ReloadReport> reports = new ArrayBlockingQueue<>(10);
        try (FlowRegistry r = registry()) {
            r.reload();
            r.startPolling(Duration.ofMillis(50), reports::add);
            write(original.replace("prompt: How can I help?", "prompt: Polled."));
            ReloadReport report = reports.poll(5, TimeUnit.SECONDS);
            assertTrue(report != null && report.loaded().size() == 1, String.valueOf(report));
            assertEquals("Hello from Test Bank. Polled.",
                    greeting(r.startSession("test-bank", "engine-test", TestFlows.CLOCK)));
        }
    }
}
