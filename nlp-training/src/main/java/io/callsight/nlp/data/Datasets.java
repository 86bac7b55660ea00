package io.callsight.nlp.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/** Loaders for labeled text: tenant CSV/JSON files and the shared benchmark corpora. */
public final class Datasets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Datasets() {}

    /**
     * Where the benchmark corpora live: {@code -Dcallsight.datasets} or {@code CALLSIGHT_DATASETS}, else the
     * repository's own {@code datasets/} under {@code -Dcallsight.root} (clinc150, sst2, chnsenticorp, smp2019 and
     * uci-sentiment are copied there with their licenses).
     */
    public static Path sharedDir() {
        String p = System.getProperty("callsight.datasets", System.getenv("CALLSIGHT_DATASETS"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("callsight.root", ".")).resolve("datasets");
    }

    /**
     * Reads training data by extension: {@code .csv} with a header naming a text column ({@code text},
     * {@code sentence}, {@code review}, {@code utterance}) and a label column ({@code label}, {@code intent});
     * {@code .tsv} likewise; {@code .json} as a CLINC150-style object of splits (its {@code train} split), a
     * list of {@code [text, label]} pairs, or a list of objects with {@code text} and {@code intent}/{@code label}.
     */
    public static List<Example> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.isObject() && root.has("train")) {
                return pairs(root.get("train"));
            }
            return pairs(root);
        }
        if (name.endsWith(".tsv")) {
            return table(Files.readAllLines(file, StandardCharsets.UTF_8), '\t');
        }
        if (name.endsWith(".csv")) {
            return table(parseCsv(Files.readString(file, StandardCharsets.UTF_8)), ',');
        }
        throw new IOException("unsupported data file " + file + " (csv, tsv or json; YAML comes with the tenant intent loader)");
    }

    /** SHA-256 (hex) of a file's bytes: the data hash recorded in model manifests. */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 over the examples themselves (text, TAB, label, LF), for data that does not come from one file. */
    public static String sha256(List<Example> examples) {
        StringBuilder sb = new StringBuilder();
        for (Example e : examples) {
            sb.append(e.text()).append('\t').append(e.label()).append('\n');
        }
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** CLINC150 {@code data_full.json}: split name → examples ({@code oos} for out-of-scope). */
    public static Map<String, List<Example>> clinc(Path json) throws IOException {
        JsonNode root = JSON.readTree(json.toFile());
        Map<String, List<Example>> out = new LinkedHashMap<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String split = it.next();
            out.put(split, pairs(root.get(split)));
        }
        return out;
    }

    /** SST-2 TSV ({@code sentence<TAB>label}, 1 positive). */
    public static List<Example> sst2(Path tsv) throws IOException {
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                out.add(new Example(line.substring(0, tab).trim(), sentiment(line.substring(tab + 1).trim())));
            }
        }
        return out;
    }

    /** UCI sentiment labelled sentences (amazon, imdb, yelp), read by the last TAB. */
    public static List<Example> uci(Path dir) throws IOException {
        List<Example> out = new ArrayList<>();
        for (String f : List.of("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt")) {
            for (String line : Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                String v = tab > 0 ? line.substring(tab + 1).trim() : "";
                if (v.equals("0") || v.equals("1")) { // skips the "sentence<TAB>score" header
                    out.add(new Example(line.substring(0, tab).trim(), sentiment(line.substring(tab + 1).trim())));
                }
            }
        }
        return out;
    }

    /** ChnSentiCorp-style CSV with header {@code label,review}. */
    public static List<Example> chnSentiCorp(Path csv) throws IOException {
        List<Example> raw = table(parseCsv(Files.readString(csv, StandardCharsets.UTF_8)), ',');
        List<Example> out = new ArrayList<>(raw.size());
        for (Example e : raw) {
            out.add(new Example(e.text(), sentiment(e.label())));
        }
        return out;
    }

    /** SMP2019 ECDT task 1: label {@code domain/intent}. */
    public static List<Example> smp2019(Path json) throws IOException {
        List<Example> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json.toFile())) {
            out.add(new Example(n.get("text").asText(), n.get("domain").asText() + "/" + n.path("intent").asText()));
        }
        return out;
    }

    private static String sentiment(String v) {
        return switch (v) {
            case "1" -> "positive";
            case "0" -> "negative";
            default -> v;
        };
    }

    /** Seeded shuffle-split: {@code [train, test]} with {@code testFraction} held out. */
    public static List<List<Example>> split(List<Example> all, double testFraction, long seed) {
        List<Example> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        int test = (int) Math.round(copy.size() * testFraction);
        return List.of(copy.subList(test, copy.size()), copy.subList(0, test));
    }

    /** The first {@code k} examples of each label (in order), e.g. a 10-shot training set. */
    public static List<Example> perLabel(List<Example> all, int k) {
        Map<String, Integer> count = new LinkedHashMap<>();
        List<Example> out = new ArrayList<>();
        for (Example e : all) {
            int c = count.merge(e.label(), 1, Integer::sum);
            if (c <= k) {
                out.add(e);
            }
        }
        return out;
    }

    /** Sorted distinct labels. */
    public static List<String> labels(List<Example> examples) {
        TreeSet<String> s = new TreeSet<>();
        for (Example e : examples) {
            s.add(e.label());
        }
        return new ArrayList<>(s);
    }

    public static List<String> texts(List<Example> examples) {
        List<String> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(e.text());
        }
        return out;
    }

    /** Label indices into {@code labels}; unknown labels (e.g. {@code oos}) map to -1. */
    public static int[] indices(List<Example> examples, List<String> labels) {
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            pos.put(labels.get(i), i);
        }
        int[] y = new int[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = pos.getOrDefault(examples.get(i).label(), -1);
        }
        return y;
    }

    private static List<Example> pairs(JsonNode arr) {
        List<Example> out = new ArrayList<>();
        for (JsonNode n : arr) {
            if (n.isArray()) {
                out.add(new Example(n.get(0).asText(), n.get(1).asText()));
            } else if (n.isObject()) {
                String label = n.has("intent") ? n.get("intent").asText() : n.path("label").asText();
                out.add(new Example(n.path("text").asText(), label));
            }
        }
        return out;
    }

    private static List<Example> table(List<?> rows, char sep) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String[]> r = new ArrayList<>();
        for (Object o : rows) {
            r.add(o instanceof String s ? s.split(String.valueOf(sep), -1) : (String[]) o);
        }
        String[] header = r.get(0);
        int text = -1, label = -1;
        for (int i = 0; i < header.length; i++) {
            String h = header[i].trim().toLowerCase(Locale.ROOT);
            if (List.of("text", "sentence", "review", "utterance").contains(h)) {
                text = i;
            } else if (List.of("label", "intent").contains(h)) {
                label = i;
            }
        }
        if (text < 0 || label < 0) {
            throw new UncheckedIOException(new IOException("header needs a text and a label column: " + String.join(",", header)));
        }
        List<Example> out = new ArrayList<>();
        for (String[] row : r.subList(1, r.size())) {
            if (row.length > Math.max(text, label) && !row[text].isBlank()) {
                out.add(new Example(row[text].trim(), row[label].trim()));
            }
        }
        return out;
    }

    /** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
    static List<String[]> parseCsv(String s) {
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                f.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    rows.add(row.toArray(new String[0]));
                }
                row = new ArrayList<>();
            } else if (ch != '\uFEFF' || f.length() > 0 || !row.isEmpty() || !rows.isEmpty()) {
                f.append(ch);
            }
        }
        if (f.length() > 0 || !row.isEmpty()) {
            row.add(f.toString());
            rows.add(row.toArray(new String[0]));
        }
        return rows;
    }
}
