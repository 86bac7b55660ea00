package io.callsight.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Elasticsearch zip and unpacks it once. Unpacking uses the JDK's zip file system with
 * POSIX attributes enabled, which keeps the executable bits of bin/* without needing {@code unzip}.
 */
public final class ElasticsearchDistribution {

    public static final String VERSION = "8.19.21";
    public static final String ZIP_PROPERTY = "callsight.es.zip";
    private static final String ZIP_NAME = "elasticsearch-" + VERSION + ".zip";
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchDistribution.class);

    private ElasticsearchDistribution() {}

    /**
     * The distribution zip: {@code -Dcallsight.es.zip}, else the copy this module's build puts under
     * {@code stack/target/dist} (relative to {@code callsight.root} or the working directory), else
     * the local Maven repository.
     */
    public static Path locateZip() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(ZIP_PROPERTY)).map(Path::of).ifPresent(candidates::add);
        String root = System.getProperty("callsight.root", System.getProperty("user.dir"));
        candidates.add(Path.of(root, "stack", "target", "dist", ZIP_NAME));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "elasticsearch",
                "distribution", "integ-test-zip", "elasticsearch", VERSION, ZIP_NAME));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new StackException(
                "Elasticsearch " + VERSION + " distribution not found (looked at " + candidates
                        + "); build the stack module or set -D" + ZIP_PROPERTY + "=<path to zip>"));
    }

    /** Unpacks {@code zip} into {@code home} (its top-level folder stripped) unless already done. */
    public static void unpackIfNeeded(Path zip, Path home) {
        Path marker = home.resolve(".callsight-unpacked-" + VERSION);
        if (Files.exists(marker)) {
            return;
        }
        log.info("Unpacking Elasticsearch {} into {}", VERSION, home);
        // Unpack next to the target and rename, so an interrupted unpack never looks complete.
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking");
        try {
            deleteRecursively(staging);
            deleteRecursively(home);
            Files.createDirectories(staging);
            extract(zip, staging);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(marker);
        } catch (IOException | UncheckedIOException e) {
            throw new StackException("cannot unpack " + zip + " into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void extract(Path zip, Path target) throws IOException {
        URI uri = URI.create("jar:" + zip.toUri());
        try (FileSystem zipFs = FileSystems.newFileSystem(uri, Map.of("enablePosixFileAttributes", "true"));
                Stream<Path> entries = Files.walk(zipFs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path relative = stripTopLevelFolder(entry);
                if (relative == null) {
                    continue;
                }
                Path out = target.resolve(relative.toString()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes target folder: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                    copyPermissions(entry, out);
                }
            }
        }
    }

    /** {@code /elasticsearch-8.19.21/bin/x} → {@code bin/x}; the root and the top folder → null. */
    private static Path stripTopLevelFolder(Path entry) {
        return entry.getNameCount() < 2 ? null : entry.subpath(1, entry.getNameCount());
    }

    private static void copyPermissions(Path entry, Path out) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(entry, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        if (attributes.permissions() != null && !attributes.permissions().isEmpty()) {
            Files.setPosixFilePermissions(out, attributes.permissions());
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
