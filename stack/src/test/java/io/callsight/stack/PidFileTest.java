package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileMeansNotRunning() {
        assertTrue(new PidFile(dir.resolve("run/x.pid")).liveProcess().isEmpty());
    }

    @Test
    void liveJvmIsFound() {
        PidFile pidFile = new PidFile(dir.resolve("run/x.pid"));
        pidFile.write(ProcessHandle.current().pid());

        Optional<ProcessHandle> process = pidFile.liveProcess();

        assertEquals(ProcessHandle.current().pid(), process.orElseThrow().pid());
    }

    @Test
    void pidOfExitedProcessIsStaleAndRemoved() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        PidFile pidFile = new PidFile(dir.resolve("x.pid"));
        pidFile.write(exited.pid());

        assertTrue(pidFile.liveProcess().isEmpty());
        assertFalse(Files.exists(pidFile.path()), "stale pid file is deleted");
    }

    @Test
    void pidReusedByANonJavaProgramIsStale() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            PidFile pidFile = new PidFile(dir.resolve("x.pid"));
            pidFile.write(sleeper.pid());

            assertTrue(pidFile.liveProcess().isEmpty());
            assertTrue(sleeper.isAlive(), "an unrelated process is never touched");
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void garbageIsStaleAndRemoved() throws Exception {
        Path file = dir.resolve("x.pid");
        Files.writeString(file, "not a pid");

        assertTrue(new PidFile(file).liveProcess().isEmpty());
        assertFalse(Files.exists(file));
    }
}
