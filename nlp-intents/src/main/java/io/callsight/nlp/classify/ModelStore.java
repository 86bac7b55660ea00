package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned model directories {@code <root>/<tenant>/<task>/<version>/} ({@code v1}, {@code v2}, …) each with a
 * {@code manifest.json} and the weights; {@code <root>/<tenant>/<task>/CURRENT} names the version in use (else the
 * highest). Retraining is skipped when the current version was trained on the same data hash with the same
 * parameters (Rasa-style fingerprint).
 */
public final class ModelStore {
    public static final String MANIFEST = "manifest.json";
    private static final Pattern VERSION = Pattern.compile("v(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path taskDir(String tenant, String task) {
        if (!tenant.matches("[A-Za-z0-9._-]+") || !task.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("tenant/task must be [A-Za-z0-9._-]+");
        }
        return root.resolve(tenant).resolve(task);
    }

    /** Versions present, oldest first. */
    public List<String> versions(String tenant, String task) throws IOException {
        Path dir = taskDir(tenant, task);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p.resolve(MANIFEST))).map(p -> p.getFileName().toString())
                    .filter(n -> VERSION.matcher(n).matches()).forEach(out::add);
        }
        out.sort(Comparator.comparingInt(v -> Integer.parseInt(v.substring(1))));
        return out;
    }

    /** The current version's directory, if any. */
    public Optional<Path> current(String tenant, String task) throws IOException {
        Path dir = taskDir(tenant, task);
        Path pointer = dir.resolve("CURRENT");
        if (Files.isRegularFile(pointer)) {
            Path v = dir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
            if (Files.isRegularFile(v.resolve(MANIFEST))) {
                return Optional.of(v);
            }
        }
        List<String> vs = versions(tenant, task);
        return vs.isEmpty() ? Optional.empty() : Optional.of(dir.resolve(vs.get(vs.size() - 1)));
    }

    /** The current version if it was trained on {@code dataHash} with equal {@code parameters}: retraining can be skipped. */
    public Optional<Path> upToDate(String tenant, String task, String dataHash, Object parameters) throws IOException {
        Optional<Path> cur = current(tenant, task);
        if (cur.isEmpty()) {
            return Optional.empty();
        }
        Manifest m = readManifest(cur.get());
        boolean same = Objects.equals(m.dataHash(), dataHash)
                && canonical(m.parameters()).equals(canonical(parameters));
        return same ? cur : Optional.empty();
    }

    /** JSON text → tree, so float/double and record/map representations of parameters compare equal. */
    private static com.fasterxml.jackson.databind.JsonNode canonical(Object o) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(o));
    }

    /** Creates the next version directory ({@code v<n+1>}). */
    public Path nextVersion(String tenant, String task) throws IOException {
        List<String> vs = versions(tenant, task);
        int n = vs.isEmpty() ? 1 : Integer.parseInt(vs.get(vs.size() - 1).substring(1)) + 1;
        Path dir = taskDir(tenant, task).resolve("v" + n);
        while (Files.exists(dir)) {
            dir = taskDir(tenant, task).resolve("v" + (++n));
        }
        Files.createDirectories(dir);
        return dir;
    }

    public void setCurrent(String tenant, String task, String version) throws IOException {
        Path p = taskDir(tenant, task).resolve("CURRENT");
        Path tmp = p.resolveSibling("CURRENT.tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static void writeManifest(Path versionDir, Manifest m) throws IOException {
        JSON.writeValue(versionDir.resolve(MANIFEST).toFile(), m);
    }

    public static Manifest readManifest(Path versionDir) throws IOException {
        return JSON.readValue(versionDir.resolve(MANIFEST).toFile(), Manifest.class);
    }

    /** Loads the tenant's current model for {@code task} (pure Java, no DJL). */
    public HashedBagModel load(String tenant, String task) throws IOException {
        Path dir = current(tenant, task).orElseThrow(() -> new IOException("no " + task + " model for tenant " + tenant
                + " under " + root));
        return HashedBagModel.load(dir);
    }

    /** "zh" when at least 30 % of the letters are Han characters, else "en". */
    public static String guessLanguage(List<String> texts) {
        long han = 0, letters = 0;
        for (String t : texts) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isLetter(c)) {
                    letters++;
                    if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                        han++;
                    }
                }
            }
        }
        return letters > 0 && han * 10 >= letters * 3 ? "zh" : "en";
    }
}
