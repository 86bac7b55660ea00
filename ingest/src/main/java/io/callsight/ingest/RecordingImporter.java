package io.callsight.ingest;

import io.callsight.events.AudioFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Imports recorded calls: expands directories to their WAV files, reads and validates each file completely,
 * then publishes it through the same {@link CallSink} as a live call (started, frames, ended). One bad file is
 * reported and skipped; the rest of the batch still imports.
 */
public final class RecordingImporter {
    private final RecordingReader reader;
    private final CallSink sink;
    private final int frameMs;
    private final Predicate<String> knownTenant;
    private final String registryName;

    /**
     * @param frameMs     how much audio each published frame holds, as a softswitch would send it
     * @param knownTenant whether a tenant is in the tenant registry: a call of any other tenant is refused whole
     * @param registry    how to name the registry in that refusal (its file)
     */
    public RecordingImporter(RecordingReader reader, CallSink sink, int frameMs, Predicate<String> knownTenant,
            String registry) {
        if (frameMs <= 0) {
            throw new IllegalArgumentException("frame length must be positive, got " + frameMs + " ms");
        }
        this.reader = reader;
        this.sink = sink;
        this.frameMs = frameMs;
        this.knownTenant = knownTenant;
        this.registryName = registry;
    }

    public List<ImportResult> importAll(List<Path> inputs, Consumer<ImportResult> progress) {
        List<ImportResult> results = new ArrayList<>();
        for (Path file : expand(inputs)) {
            ImportResult result = importOne(file);
            results.add(result);
            progress.accept(result);
        }
        return results;
    }

    public ImportResult importOne(Path file) {
        try {
            CallRecording call = reader.read(file);
            if (!knownTenant.test(call.tenant())) {
                throw new ImportException("unknown tenant '" + call.tenant() + "' (not in the tenant registry "
                        + registryName + "); nothing was published");
            }
            int frames = publish(call);
            return new ImportResult(file, call.callId(), call.tenant(), call.audio().durationMs(), frames,
                    call.warnings(), null);
        } catch (ImportException | PublishException e) {
            return new ImportResult(file, null, null, 0, 0, List.of(), e.getMessage());
        }
    }

    /** Publishes the call; returns the number of audio frames sent. */
    private int publish(CallRecording call) throws PublishException {
        List<AudioFrame> frames = call.framesInTimeOrder(frameMs);
        CallSink.OpenCall open = sink.start(call.started());
        try {
            open.frames(frames);
            open.end(call.ended());
        } finally {
            open.abandon(); // a no-op once ended
        }
        return frames.size();
    }

    /** Files stay as given; directories become their *.wav files in name order (not recursive). */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".wav"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + input, e);
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }
}
