package io.callsight.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessStopperTest {

    @Test
    void terminatesGracefully() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();

        assertTrue(ProcessStopper.stop(sleeper.toHandle(), Duration.ofSeconds(5), "sleep"));
        assertFalse(sleeper.isAlive());
    }

    @Test
    void killsWhatIgnoresSigterm() throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done").start();
        Thread.sleep(200); // let the shell install its trap

        assertTrue(ProcessStopper.stop(stubborn.toHandle(), Duration.ofMillis(500), "stubborn"));
        assertFalse(stubborn.isAlive());
    }
}
