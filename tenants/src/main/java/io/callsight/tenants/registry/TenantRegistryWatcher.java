package io.callsight.tenants.registry;

import io.callsight.config.ValidationError;
import io.callsight.tenants.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as a running service sees it: loaded at start, reloaded when the file changes, and never replaced by
 * a broken file. An edit with a typo keeps the last good registry (logged once, with every {@code file:line}
 * problem) instead of locking every tenant out.
 *
 * <p>It polls the file's identity (inode, modification time, size) rather than using a {@code WatchService}: the
 * CLI replaces the file by rename, which some WatchService implementations report late or not at all, and one stat
 * a second is free.
 */
public final class TenantRegistryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistryWatcher.class);

    private final Path file;
    private final List<Consumer<TenantRegistry>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile TenantRegistry current;
    private FileState loaded;
    /** The state whose problems were last logged, so a broken file is reported once, not every second. */
    private FileState reported;

    private record FileState(Object fileKey, long modifiedNanos, long size) {
        static final FileState MISSING = new FileState(null, -1, -1);
    }

    private TenantRegistryWatcher(Path file, Duration interval) {
        this.file = file.toAbsolutePath().normalize();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tenant-registry-watcher");
            t.setDaemon(true);
            return t;
        });
        FileState state = state();
        if (state.equals(FileState.MISSING)) {
            LOG.warn("{}: no tenant registry yet; every API key is refused until it is created (callsight tenants add)", this.file);
            current = TenantRegistry.empty();
        } else {
            // at start there is no last good registry to fall back on: refuse to start on a broken file
            current = load();
        }
        loaded = state;
        reported = state;
        long ms = Math.max(10, interval.toMillis());
        poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads {@code file} and watches it, checking every {@code interval}.
     *
     * @throws InvalidRegistryException if the file exists and is invalid
     */
    public static TenantRegistryWatcher start(Path file, Duration interval) {
        return new TenantRegistryWatcher(file, interval);
    }

    public static TenantRegistryWatcher start(Path file) {
        return start(file, Duration.ofSeconds(1));
    }

    /** The latest good registry. Cheap: call it per request rather than caching the result. */
    public TenantRegistry current() {
        return current;
    }

    /** Called on the watcher thread after each successful reload. */
    public void onChange(Consumer<TenantRegistry> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Checks the file now; the poller does the same every interval. Exposed for tests and for an admin endpoint. */
    public synchronized void poll() {
        FileState state = state();
        if (state.equals(loaded) || state.equals(reported)) {
            return;
        }
        if (state.equals(FileState.MISSING)) {
            reported = state;
            LOG.warn("{}: the tenant registry was deleted; keeping the last good registry ({} tenants)", file, current.size());
            return;
        }
        try {
            TenantRegistry next = load();
            current = next;
            loaded = state;
            reported = state;
            LOG.info("{}: reloaded the tenant registry ({} tenants)", file, next.size());
            for (Consumer<TenantRegistry> l : listeners) {
                try {
                    l.accept(next);
                } catch (RuntimeException e) {
                    LOG.warn("a tenant registry listener failed", e);
                }
            }
        } catch (InvalidRegistryException e) {
            reported = state;
            LOG.error("{}\n... keeping the last good registry ({} tenants) until the file is fixed",
                    e.errors().stream().map(ValidationError::toString).collect(Collectors.joining("\n")), current.size());
        } catch (RuntimeException e) {
            // probably mid-replace by a hand editor that writes in place; the next poll sees the final file
            LOG.warn("{}: could not read the tenant registry ({}); keeping the last good registry", file, e.toString());
        }
    }

    private TenantRegistry load() {
        try {
            return TenantRegistryFile.read(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": cannot read the tenant registry: " + e.getMessage(), e);
        }
    }

    private FileState state() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        } catch (NoSuchFileException e) {
            return FileState.MISSING;
        } catch (IOException e) {
            return FileState.MISSING;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
