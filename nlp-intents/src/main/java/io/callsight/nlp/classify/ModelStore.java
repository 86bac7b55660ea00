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
 * <p>Grayscale releases: {@code <root>/<tenant>/<task>/RELEASE} (JSON {@code {"candidate": "v3", "share": 0.2,
 * "previous": "v1", "auto_candidate": 0.1}}) routes a share of the calls to a candidate version (and, with
 * {@code auto_candidate}, makes every newly trained version a candidate first); {@link #promote} makes it current,
 * {@link #rollback} drops it (or, without a candidate, goes back to the previous current). CURRENT stays the one
 * pointer to the current version, so training and the release commands agree on it. Every change is written to a
 * temporary file and moved into place, so a job polling these files never reads half a pointer.
 */
public final class ModelStore {
    public static final String MANIFEST = "manifest.json";
    public static final String RELEASE = "RELEASE";
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

    /**
     * Makes {@code version} current, as training does with a version it just wrote. When the task has an
     * auto-candidate share ({@link #setAutoCandidate}) and a current version, a newer version instead starts as the
     * grayscale candidate for that share of calls: it never serves every call before it has proven itself.
     */
    public void setCurrent(String tenant, String task, String version) throws IOException {
        double auto = autoCandidateShare(tenant, task);
        Optional<Path> cur = current(tenant, task);
        if (auto > 0 && cur.isPresent() && newer(version, cur.get().getFileName().toString())) {
            startRelease(tenant, task, version, auto);
            return;
        }
        pointCurrent(tenant, task, version);
    }

    private void pointCurrent(String tenant, String task, String version) throws IOException {
        writeAtomically(taskDir(tenant, task).resolve("CURRENT"), version + "\n");
    }

    private static boolean newer(String version, String than) {
        return VERSION.matcher(version).matches() && VERSION.matcher(than).matches()
                && Integer.parseInt(version.substring(1)) > Integer.parseInt(than.substring(1));
    }

    /** Share at which newly trained versions start as candidate instead of becoming current (0: off). */
    public double autoCandidateShare(String tenant, String task) throws IOException {
        Path file = taskDir(tenant, task).resolve(RELEASE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            return JSON.readTree(file.toFile()).path("auto_candidate").asDouble(0);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** From now on, newly trained versions start as candidate for {@code share} of calls (0 turns this off). */
    public Release setAutoCandidate(String tenant, String task, double share) throws IOException {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--auto-candidate must be between 0 and 1, was " + share);
        }
        Release r = requireModels(tenant, task);
        return writeRelease(tenant, task, r, share);
    }

    private static void writeAtomically(Path p, String content) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The task's release: current version (null without models), candidate and its share, previous version. */
    public Release release(String tenant, String task) throws IOException {
        Optional<Path> cur = current(tenant, task);
        if (cur.isEmpty()) {
            return Release.none();
        }
        String current = cur.get().getFileName().toString();
        Path file = taskDir(tenant, task).resolve(RELEASE);
        if (!Files.isRegularFile(file)) {
            return new Release(current, null, 0, null);
        }
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        String candidate = text(n, "candidate");
        if (candidate != null && (candidate.equals(current) || !hasVersion(tenant, task, candidate))) {
            candidate = null; // promoted meanwhile, or deleted: nothing to route to
        }
        double share = n.path("share").asDouble(0);
        if (!(share >= 0 && share <= 1)) {
            throw new IOException(file + ": share must be between 0 and 1, was " + n.path("share"));
        }
        return new Release(current, candidate, share, text(n, "previous"));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        com.fasterxml.jackson.databind.JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** Routes {@code share} (0..1) of the calls to {@code candidate}, which must exist and not be current. */
    public Release startRelease(String tenant, String task, String candidate, double share) throws IOException {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("--share must be between 0 and 1, was " + share);
        }
        Release r = requireModels(tenant, task);
        requireVersion(tenant, task, candidate);
        if (candidate.equals(r.current())) {
            throw new IllegalArgumentException(candidate + " is already the current " + task + " model of " + tenant);
        }
        return writeRelease(tenant, task, new Release(r.current(), candidate, share, r.previous()));
    }

    /** The candidate becomes current; the old current is kept as {@code previous} for {@link #rollback}. */
    public Release promote(String tenant, String task) throws IOException {
        Release r = requireModels(tenant, task);
        if (r.candidate() == null) {
            throw new IllegalArgumentException("no candidate to promote for " + tenant + "/" + task
                    + " (start one with: models release --candidate vN --share 0.1)");
        }
        pointCurrent(tenant, task, r.candidate());
        return writeRelease(tenant, task, new Release(r.candidate(), null, 0, r.current()));
    }

    /**
     * With a candidate: stop routing calls to it. Without one: the previous current version (the one the last
     * promote replaced, else the next lower version) becomes current again.
     */
    public Release rollback(String tenant, String task) throws IOException {
        Release r = requireModels(tenant, task);
        if (r.candidate() != null) {
            return writeRelease(tenant, task, new Release(r.current(), null, 0, r.previous()));
        }
        String back = r.previous() != null && hasVersion(tenant, task, r.previous()) ? r.previous() : lowerThan(tenant, task, r.current());
        if (back == null) {
            throw new IllegalArgumentException("nothing to roll back to: " + tenant + "/" + task + " has no version before "
                    + r.current());
        }
        pointCurrent(tenant, task, back);
        return writeRelease(tenant, task, new Release(back, null, 0, null));
    }

    private String lowerThan(String tenant, String task, String version) throws IOException {
        List<String> vs = versions(tenant, task);
        int i = vs.indexOf(version);
        return i > 0 ? vs.get(i - 1) : null;
    }

    private Release writeRelease(String tenant, String task, Release r) throws IOException {
        return writeRelease(tenant, task, r, autoCandidateShare(tenant, task));
    }

    private Release writeRelease(String tenant, String task, Release r, double autoCandidate) throws IOException {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("candidate", r.candidate());
        json.put("share", r.candidateShare());
        json.put("previous", r.previous());
        if (autoCandidate > 0) {
            json.put("auto_candidate", autoCandidate);
        }
        writeAtomically(taskDir(tenant, task).resolve(RELEASE), JSON.writeValueAsString(json) + "\n");
        return r;
    }

    private Release requireModels(String tenant, String task) throws IOException {
        if (!Files.isDirectory(root.resolve(tenant))) {
            throw new IllegalArgumentException("unknown tenant '" + tenant + "': no directory " + root.resolve(tenant));
        }
        Release r = release(tenant, task);
        if (r.current() == null) {
            throw new IllegalArgumentException("tenant " + tenant + " has no " + task + " model under " + root
                    + " (train one with: callsight train " + task + " --tenant " + tenant + " --data FILE)");
        }
        return r;
    }

    private void requireVersion(String tenant, String task, String version) throws IOException {
        if (version == null || !hasVersion(tenant, task, version)) {
            throw new IllegalArgumentException("no " + task + " model version '" + version + "' for tenant " + tenant
                    + " (have " + String.join(", ", versions(tenant, task)) + ")");
        }
    }

    public boolean hasVersion(String tenant, String task, String version) throws IOException {
        return VERSION.matcher(version).matches() && Files.isRegularFile(taskDir(tenant, task).resolve(version).resolve(MANIFEST));
    }

    public static void writeManifest(Path versionDir, Manifest m) throws IOException {
        JSON.writeValue(versionDir.resolve(MANIFEST).toFile(), m);
    }

    public static Manifest readManifest(Path versionDir) throws IOException {
        return JSON.readValue(versionDir.resolve(MANIFEST).toFile(), Manifest.class);
    }

    /** Loads the tenant's current model for {@code task} (pure Java, no DJL). */
    public TextClassifier load(String tenant, String task) throws IOException {
        Path dir = current(tenant, task).orElseThrow(() -> new IOException("no " + task + " model for tenant " + tenant
                + " under " + root));
        return Classifiers.load(dir);
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
