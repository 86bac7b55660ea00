package io.callsight.stack;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The running JVM's java binary and class path, for starting child JVMs with the same code. */
public final class JavaRuntime {

    private JavaRuntime() {}

    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    public static Path javaExecutable() {
        return javaHome().resolve("bin").resolve("java");
    }

    /**
     * {@code java.class.path}, with manifest-only jars (as used by surefire and by thin launcher
     * jars) expanded to the jars they list. The child then does not depend on that jar, which its
     * creator may delete when it exits.
     */
    public static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            entries.add(entry);
            entries.addAll(manifestClassPath(Path.of(entry)));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        List<String> entries = new ArrayList<>();
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return entries;
        }
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Manifest manifest = jarFile.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return entries;
            }
            for (String item : classPath.trim().split("\\s+")) {
                entries.add(resolveManifestEntry(jar, item));
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // Not fatal: the jar itself stays on the class path and still works while it exists.
        }
        return entries;
    }

    /** Manifest Class-Path items are URLs relative to the jar's directory (surefire writes file: URLs). */
    private static String resolveManifestEntry(Path jar, String item) throws URISyntaxException {
        URI uri = new URI(item);
        if (uri.isAbsolute()) {
            return Path.of(uri).toString();
        }
        Path base = jar.toAbsolutePath().getParent();
        return Path.of(base.toUri().resolve(uri)).toString();
    }
}
