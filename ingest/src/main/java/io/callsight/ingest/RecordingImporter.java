package io.callsight.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Imports recorded calls: expands directories to their WAV files, reads and validates each file completely,
 * then publishes it. One bad file is reported and skipped; the rest of the batch still imports.
 */
public final class RecordingImporter {
    private final RecordingReader reader;
    private final CallPublisher publisher;

    public RecordingImporter(RecordingReader reader, CallPublisher publisher) {
        this.reader = reader;
        this.publisher = publisher;
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
            int frames = publisher.publish(call);
            return new ImportResult(file, call.callId(), call.tenant(), call.audio().durationMs(), frames,
                    call.warnings(), null);
        } catch (ImportException e) {
            return new ImportResult(file, null, null, 0, 0, List.of(), e.getMessage());
        }
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
