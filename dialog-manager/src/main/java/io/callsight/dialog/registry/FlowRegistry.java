package io.callsight.dialog.registry;

import io.callsight.config.ValidationError;
import io.callsight.dialog.engine.DialogSession;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.flow.FlowFiles;
import io.callsight.dialog.flow.FlowLoad;
import io.callsight.dialog.flow.IntentCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The flows of a directory (one or more files per tenant), kept current without a restart. A changed file is
 * re-read and validated; if it is invalid the last good version stays in service and the errors are reported,
 * so an editing mistake never takes a bot off the phone. Sessions hold the Flow they started with, so a reload
 * changes new calls only.
 *
 * <p>Changes are found by polling modification time and size rather than with a WatchService: polling works the
 * same on every file system (network mounts and container volumes drop inotify events) and a flow directory
 * holds a handful of files.
 */
public final class FlowRegistry implements AutoCloseable {
    private final Path directory;
    private final IntentCatalog intents;
    private final Map<String, Flow> byKey = new ConcurrentHashMap<>();
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final Map<Path, String> keyOfFile = new HashMap<>();
    private ScheduledExecutorService poller;

    private record Stamp(FileTime modified, long size) {}

    public FlowRegistry(Path directory, IntentCatalog intents) {
        this.directory = directory;
        this.intents = intents;
    }

    /** The current version of a tenant's flow. */
    public Optional<Flow> flow(String tenant, String name) {
        return Optional.ofNullable(byKey.get(key(tenant, name)));
    }

    public List<Flow> flows() {
        return List.copyOf(byKey.values());
    }

    /** A new session on the flow's current version. */
    public DialogSession startSession(String tenant, String name, Clock clock) {
        Flow f = flow(tenant, name).orElseThrow(() -> new IllegalArgumentException("no flow " + name + " for tenant " + tenant));
        return new DialogSession(f, clock);
    }

    /** Re-reads files that are new or changed since the last pass, and drops flows whose file is gone. */
    public synchronized ReloadReport reload() {
        List<String> loaded = new ArrayList<>(), rejected = new ArrayList<>(), removed = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        List<Path> files;
        try {
            files = Files.isDirectory(directory) ? FlowFiles.flowFiles(directory) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (files.contains(gone)) continue;
            seen.remove(gone);
            String key = keyOfFile.remove(gone);
            if (key != null && byKey.remove(key) != null) removed.add(key);
        }
        for (Path file : files) {
            Stamp stamp;
            FlowLoad load;
            try {
                stamp = new Stamp(Files.getLastModifiedTime(file), Files.size(file));
                if (stamp.equals(seen.get(file))) continue;
                load = FlowFiles.load(file, intents);
            } catch (IOException e) {
                // Being rewritten or just deleted: the next pass sees it settled.
                continue;
            }
            seen.put(file, stamp);
            if (!load.valid()) {
                rejected.add(file.toString());
                errors.addAll(load.errors());
                continue;
            }
            Flow flow = load.flow();
            String key = key(flow.tenant(), flow.name());
            String owner = keyOfFile.entrySet().stream().filter(e -> e.getValue().equals(key) && !e.getKey().equals(file))
                    .map(e -> e.getKey().toString()).findFirst().orElse(null);
            if (owner != null) {
                rejected.add(file.toString());
                errors.add(new ValidationError(file.toString(), 1, "flow '" + flow.name() + "' of tenant " + flow.tenant()
                        + " is already defined in " + owner));
                continue;
            }
            String previousKey = keyOfFile.put(file, key);
            if (previousKey != null && !previousKey.equals(key)) byKey.remove(previousKey);
            Flow previous = byKey.put(key, flow);
            if (previous == null || !previous.version().equals(flow.version())) loaded.add(key + "@" + flow.version());
        }
        return new ReloadReport(loaded, rejected, removed, errors);
    }

    /** Reloads every {@code interval} on a daemon thread, reporting passes that changed or rejected something. */
    public synchronized void startPolling(Duration interval, Consumer<ReloadReport> listener) {
        if (poller != null) throw new IllegalStateException("already polling");
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flow-reload " + directory);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            ReloadReport r = reload();
            if (r.changedAnything() || !r.rejected().isEmpty()) listener.accept(r);
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) poller.shutdownNow();
        poller = null;
    }

    private static String key(String tenant, String name) {
        return tenant + "/" + name;
    }
}
