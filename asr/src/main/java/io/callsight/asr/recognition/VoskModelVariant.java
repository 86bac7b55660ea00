package io.callsight.asr.recognition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Vosk model with decoding options of its own, without touching the model as shipped (it is shared and unpacked
 * by the build): a directory of links to the model's files beside a {@code conf/model.conf} of its own, under the
 * JVM's temporary directory, made once per model and option.
 * <p>{@code --frames-per-chunk}: how many 10 ms feature frames the acoustic network evaluates at a time. The model's
 * own setting gives a partial hypothesis that changes only every 240 ms of audio; with 12 every 120 ms at the same
 * decoding CPU per track; with 6 every 60 ms, but at 15–45 % more decoding CPU per track (docs/latency.md).
 */
public final class VoskModelVariant {
    private static final String OPTION = "--frames-per-chunk=";

    private VoskModelVariant() {
    }

    /** {@code model} as is for {@code framesPerChunk} 0, else the variant directory with that chunk size. */
    public static synchronized Path withFramesPerChunk(Path model, int framesPerChunk) {
        if (framesPerChunk < 0) {
            throw new IllegalArgumentException("frames per chunk must not be negative, got " + framesPerChunk);
        }
        if (framesPerChunk == 0) {
            return model;
        }
        Path source = model.toAbsolutePath().normalize();
        Path conf = source.resolve("conf/model.conf");
        if (!Files.isRegularFile(conf)) {
            throw new IllegalStateException("no conf/model.conf in Vosk model " + source);
        }
        String name = "callsight-vosk-" + Integer.toHexString(source.toString().hashCode()) + "-fpc" + framesPerChunk;
        Path variant = Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
        if (Files.isRegularFile(variant.resolve("conf/model.conf"))) {
            return variant;
        }
        try {
            Path building = Files.createTempDirectory(variant.getParent(), name + ".tmp");
            linkAllBut(source, building, "conf");
            Files.createDirectory(building.resolve("conf"));
            linkAllBut(source.resolve("conf"), building.resolve("conf"), "model.conf");
            List<String> options = new java.util.ArrayList<>(Files.readAllLines(conf, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.trim().startsWith(OPTION)).toList());
            options.add(OPTION + framesPerChunk);
            Files.write(building.resolve("conf/model.conf"), options, StandardCharsets.UTF_8);
            try {
                Files.move(building, variant, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(variant.resolve("conf/model.conf"))) { // not another JVM that got there first
                    throw e;
                }
            }
            return variant;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a Vosk model variant of " + source + " in " + variant, e);
        }
    }

    /**
     * Like {@link #withFramesPerChunk}, but where the variant cannot be made (no writable temporary directory, no
     * symbolic links) the model as shipped: a slower partial is better than no transcript.
     */
    public static Path withFramesPerChunkOrAsShipped(Path model, int framesPerChunk) {
        try {
            return withFramesPerChunk(model, framesPerChunk);
        } catch (RuntimeException e) {
            System.getLogger(VoskModelVariant.class.getName()).log(System.Logger.Level.WARNING,
                    "decoding with the Vosk model as shipped, not --frames-per-chunk=" + framesPerChunk + ": "
                            + e.getMessage());
            return model;
        }
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                if (!e.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e.toAbsolutePath());
                }
            }
        }
    }
}
