package io.callsight.stack;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a server the polite way first: SIGTERM lets Kafka and ES flush and close cleanly. */
public final class ProcessStopper {

    private static final Logger log = LoggerFactory.getLogger(ProcessStopper.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private ProcessStopper() {}

    /** SIGTERM, then SIGKILL after {@code graceful}. Returns true once the process is gone. */
    public static boolean stop(ProcessHandle process, Duration graceful, String name) {
        if (!process.isAlive()) {
            return true;
        }
        log.info("Stopping {} (pid {})", name, process.pid());
        process.destroy();
        if (awaitExit(process, graceful)) {
            return true;
        }
        log.warn("{} (pid {}) did not stop within {} ms; killing it", name, process.pid(), graceful.toMillis());
        process.destroyForcibly();
        return awaitExit(process, KILL_WAIT);
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
