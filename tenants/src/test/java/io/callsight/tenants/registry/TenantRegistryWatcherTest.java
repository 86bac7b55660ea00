package io.callsight.tenants.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.LogCapture;
import io.callsight.tenants.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryWatcherTest {
    @TempDir
    Path dir;

    private static final String ONE = TenantRegistryFileTest.VALID;
    private static final String BROKEN = ONE.replace("time_zone: America/New_York", "time_zone: Nowhere");

    /** The registry with only the first tenant, as the CLI would write it. */
    private static void write(Path file, String yaml) throws Exception {
        TenantRegistry r = TenantRegistryFile.parse("x", yaml).registry();
        TenantRegistryFile.write(file, r.without("zh-tenant_2"));
    }

    @Test
    void reloadsOnChangeAndKeepsTheLastGoodRegistryWhenTheNewOneIsInvalid() throws Exception {
        Path file = dir.resolve("tenants.yaml");
        Files.writeString(file, ONE);
        try (TenantRegistryWatcher w = TenantRegistryWatcher.start(file, Duration.ofHours(1)); LogCapture logs = new LogCapture()) {
            List<Integer> seen = new ArrayList<>();
            w.onChange(r -> seen.add(r.size()));
            assertEquals(2, w.current().size());

            write(file, ONE);
            w.poll();
            assertEquals(1, w.current().size());
            assertEquals(List.of(1), seen);

            Files.writeString(file, BROKEN);
            w.poll();
            w.poll();
            w.poll();
            assertEquals(1, w.current().size(), "the last good registry stays");
            List<String> errors = logs.events().stream().filter(e -> e.startsWith("ERROR")).toList();
            assertEquals(1, errors.size(), "logged once, not every poll: " + logs.events());
            assertTrue(errors.get(0).contains(file + ":6: unknown time zone 'Nowhere'"), errors.get(0));
            assertTrue(errors.get(0).contains("keeping the last good registry"), errors.get(0));

            Files.writeString(file, ONE);
            w.poll();
            assertEquals(2, w.current().size(), "the fixed file is picked up");

            Files.delete(file);
            w.poll();
            assertEquals(2, w.current().size(), "a deleted file keeps the last good registry");
        }
    }

    @Test
    void pollsByItself() throws Exception {
        Path file = dir.resolve("tenants.yaml");
        try (TenantRegistryWatcher w = TenantRegistryWatcher.start(file, Duration.ofMillis(20))) {
            assertEquals(0, w.current().size(), "no file yet: no tenants");
            Files.writeString(file, ONE);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (w.current().size() != 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, w.current().size());
        }
    }

    @Test
    void refusesToStartOnAnInvalidFile() throws Exception {
        Path file = dir.resolve("tenants.yaml");
        Files.writeString(file, BROKEN);
        InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> TenantRegistryWatcher.start(file));
        assertTrue(e.getMessage().startsWith(file + ":6: "), e.getMessage());
    }
}
