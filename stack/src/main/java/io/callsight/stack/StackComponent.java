package io.callsight.stack;

import java.time.Duration;

/** One locally managed server of the embedded stack. */
public interface StackComponent {

    String name();

    /** Where clients connect (bootstrap servers or base URL). */
    String url();

    /**
     * Launches the server detached from this JVM and returns without waiting for it to be ready.
     * Does nothing if it is already running.
     *
     * @return true if this call launched a process
     */
    boolean start();

    /** Blocks until the server answers, or throws a {@link StackException} saying why not. */
    void awaitHealthy(Duration timeout);

    ComponentStatus status();

    /**
     * Stops the server if running (SIGTERM, then SIGKILL after {@code graceful}).
     *
     * @return true if a running process was stopped
     */
    boolean stop(Duration graceful);
}
