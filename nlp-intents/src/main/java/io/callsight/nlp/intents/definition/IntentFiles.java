package io.callsight.nlp.intents.definition;

import io.callsight.config.ValidationError;
import io.callsight.config.YamlDocument;
import io.callsight.nlp.text.LanguageDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads tenant intents from YAML (the format clients edit), JSON (same schema, or an array of
 * {@code {"text","label"}} objects) and CSV ({@code text,label} header; label {@code out_of_scope} for
 * out-of-scope examples). All three keep line numbers.
 *
 * <pre>
 * tenant: acme
 * language: en
 * intents:
 *   - name: check_balance
 *     examples: [what's my balance, ...]
 *     entities: [account_number]
 *     answer: You can hear your balance by pressing 1.
 * out_of_scope: [what's the weather]
 * </pre>
 */
public final class IntentFiles {
    public static final String OUT_OF_SCOPE = "out_of_scope";
    private static final Set<String> ROOT_KEYS = Set.of("tenant", "language", "intents", OUT_OF_SCOPE);
    private static final Set<String> INTENT_KEYS = Set.of("name", "examples", "entities", "slots", "answer");

    private IntentFiles() {}

    public static LoadResult load(Path path) throws IOException {
        String content = Files.readString(path, StandardCharsets.UTF_8);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = path.toString();
        if (name.endsWith(".csv")) {
            String stem = path.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            return parseCsv(source, content, stem, null);
        }
        return parseYaml(source, content);
    }

    /** YAML or JSON text (JSON is parsed by the YAML reader, so lines are kept for both). */
    public static LoadResult parseYaml(String source, String content) {
        YamlDocument doc = YamlDocument.parse(source, content);
        if (doc.root() == null) return new LoadResult(null, doc.errors());
        if (doc.root() instanceof SequenceNode seq) return fromLabeledRecords(doc, seq);
        Map<String, Node> root = doc.mapping(doc.root(), "the file", ROOT_KEYS);
        if (root == null) return new LoadResult(null, doc.errors());
        String tenant = null, language = null;
        int tenantLine = 1, languageLine = 1;
        if (root.containsKey("tenant")) {
            tenant = doc.scalar(root.get("tenant"), "tenant");
            tenantLine = YamlDocument.line(root.get("tenant"));
        }
        if (root.containsKey("language")) {
            language = doc.scalar(root.get("language"), "language");
            languageLine = YamlDocument.line(root.get("language"));
        }
        List<IntentDefinition> intents = new ArrayList<>();
        if (root.containsKey("intents")) {
            List<Node> items = doc.sequence(root.get("intents"), "intents");
            if (items != null) for (Node item : items) {
                IntentDefinition d = intent(doc, item);
                if (d != null) intents.add(d);
            }
        }
        List<Example> oos = root.containsKey(OUT_OF_SCOPE) ? examples(doc, root.get(OUT_OF_SCOPE), OUT_OF_SCOPE) : List.of();
        return new LoadResult(new TenantIntents(source, tenant, tenantLine, language, languageLine, intents, oos), doc.errors());
    }

    private static IntentDefinition intent(YamlDocument doc, Node node) {
        Map<String, Node> m = doc.mapping(node, "an intent", INTENT_KEYS);
        if (m == null) return null;
        String name = m.containsKey("name") ? doc.scalar(m.get("name"), "intent name") : null;
        String what = name == null ? "intent at line " + YamlDocument.line(node) : "intent '" + name + "'";
        List<Example> examples = m.containsKey("examples") ? examples(doc, m.get("examples"), "examples of " + what) : List.of();
        List<SlotRef> slots = new ArrayList<>();
        if (m.containsKey("entities") && m.containsKey("slots")) {
            doc.error(YamlDocument.line(m.get("slots")), what + " has both 'entities' and 'slots'; use one");
        }
        for (String key : List.of("entities", "slots")) {
            if (!m.containsKey(key)) continue;
            List<Node> items = doc.sequence(m.get(key), key + " of " + what);
            if (items != null) for (Node n : items) {
                String v = doc.scalar(n, "an entity type");
                if (v != null) slots.add(new SlotRef(v, YamlDocument.line(n)));
            }
        }
        String answer = null;
        int answerLine = 0;
        if (m.containsKey("answer")) {
            answer = doc.scalar(m.get("answer"), "answer of " + what);
            answerLine = YamlDocument.line(m.get("answer"));
        }
        return new IntentDefinition(name, YamlDocument.line(node), examples, slots, answer, answerLine);
    }

    private static List<Example> examples(YamlDocument doc, Node node, String what) {
        List<Node> items = doc.sequence(node, what);
        List<Example> out = new ArrayList<>();
        if (items != null) for (Node n : items) {
            String v = doc.scalar(n, "an example in " + what);
            if (v != null) out.add(new Example(v, YamlDocument.line(n)));
        }
        return out;
    }

    /** JSON/YAML list of {text, label} records, the export format of annotation tools. */
    private static LoadResult fromLabeledRecords(YamlDocument doc, SequenceNode seq) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (Node n : seq.getValue()) {
            if (!(n instanceof MappingNode)) {
                doc.error(YamlDocument.line(n), "each record must be an object with \"text\" and \"label\"");
                continue;
            }
            Map<String, Node> m = doc.mapping(n, "a record", Set.of("text", "label"));
            if (m == null) continue;
            if (!m.containsKey("text") || !m.containsKey("label")) {
                doc.error(YamlDocument.line(n), "record needs both \"text\" and \"label\"");
                continue;
            }
            String text = doc.scalar(m.get("text"), "text"), label = doc.scalar(m.get("label"), "label");
            if (text == null || label == null) continue;
            int line = YamlDocument.line(m.get("text"));
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(new Example(text, line));
            firstLine.putIfAbsent(label, YamlDocument.line(n));
        }
        String stem = Path.of(doc.source()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return new LoadResult(grouped(doc.source(), stem, null, byLabel, firstLine), doc.errors());
    }

    /**
     * CSV with a {@code text,label} header (RFC 4180 quoting). Tenant defaults to the file name, language to
     * the script of the examples when not given.
     */
    public static LoadResult parseCsv(String source, String content, String tenant, String language) {
        List<ValidationError> errors = new ArrayList<>();
        if (content == null || content.isBlank()) {
            errors.add(new ValidationError(source, 1, "file is empty"));
            return new LoadResult(null, errors);
        }
        List<CsvRow> rows = Csv.parse(content, source, errors);
        if (rows.isEmpty()) return new LoadResult(null, errors);
        CsvRow header = rows.get(0);
        int textCol = header.cells().indexOf("text"), labelCol = header.cells().indexOf("label");
        if (textCol < 0 || labelCol < 0) {
            errors.add(new ValidationError(source, header.line(), "header must name columns 'text' and 'label', found "
                    + header.cells()));
            return new LoadResult(null, errors);
        }
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (CsvRow r : rows.subList(1, rows.size())) {
            if (r.cells().size() == 1 && r.cells().get(0).isBlank()) continue;
            if (r.cells().size() <= Math.max(textCol, labelCol)) {
                errors.add(new ValidationError(source, r.line(), "expected " + header.cells().size() + " columns, found "
                        + r.cells().size()));
                continue;
            }
            String label = r.cells().get(labelCol).strip();
            if (label.isEmpty()) {
                errors.add(new ValidationError(source, r.line(), "missing label"));
                continue;
            }
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(new Example(r.cells().get(textCol), r.line()));
            firstLine.putIfAbsent(label, r.line());
        }
        return new LoadResult(grouped(source, tenant, language, byLabel, firstLine), errors);
    }

    private static TenantIntents grouped(String source, String tenant, String language, Map<String, List<Example>> byLabel,
                                         Map<String, Integer> firstLine) {
        List<IntentDefinition> intents = new ArrayList<>();
        List<Example> oos = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        byLabel.forEach((label, examples) -> {
            examples.forEach(e -> all.append(e.text()).append(' '));
            if (label.equals(OUT_OF_SCOPE)) oos.addAll(examples);
            else intents.add(new IntentDefinition(label, firstLine.get(label), examples, List.of(), null, 0));
        });
        if (language == null) {
            double han = LanguageDetector.hanShare(all.toString());
            language = Double.isNaN(han) || han < 0.5 ? "en" : "zh";
        }
        return new TenantIntents(source, tenant, 1, language, 1, intents, oos);
    }

    record CsvRow(List<String> cells, int line) {}

    /** Minimal RFC 4180 reader: quoted fields may contain commas, doubled quotes and newlines. */
    static final class Csv {
        static List<CsvRow> parse(String content, String source, List<ValidationError> errors) {
            List<CsvRow> rows = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            int line = 1, rowLine = 1;
            boolean quoted = false;
            String s = content.startsWith("\uFEFF") ? content.substring(1) : content;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') line++;
                        cell.append(c);
                    }
                } else if (c == '"' && cell.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                    cells.add(cell.toString());
                    cell.setLength(0);
                    rows.add(new CsvRow(List.copyOf(cells), rowLine));
                    cells.clear();
                    line++;
                    rowLine = line;
                } else {
                    cell.append(c);
                }
            }
            if (quoted) errors.add(new ValidationError(source, rowLine, "unterminated quoted field"));
            if (cell.length() > 0 || !cells.isEmpty()) {
                cells.add(cell.toString());
                rows.add(new CsvRow(List.copyOf(cells), rowLine));
            }
            return rows;
        }
    }
}
