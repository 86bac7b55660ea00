package io.callsight.nlp.rules;

import io.callsight.config.ValidationError;
import io.callsight.config.YamlDocument;
import io.callsight.events.Track;
import io.callsight.nlp.text.Language;
import io.callsight.nlp.text.Normalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and validates a tenant rules file; every problem is reported as {@code file:line: message}.
 *
 * <pre>
 * tenant: acme
 * language: en
 * keyword_groups:
 *   emotions: [frustrated, angry]
 *   competitors: [Verizon, Comcast]
 * must_say:
 *   - name: greeting
 *     phrases: [thank you for calling, welcome to acme]
 *     track: AGENT
 *     within_first_ms: 30000
 * must_not_say:
 *   - name: guarantees
 *     phrases: [i guarantee]
 *     track: AGENT
 * </pre>
 */
public final class KeywordRulesFile {
    private static final Set<String> ROOT = Set.of("tenant", "language", "keyword_groups", "must_say", "must_not_say");
    private static final Set<String> MUST_SAY = Set.of("name", "phrases", "track", "within_first_ms");
    private static final Set<String> MUST_NOT_SAY = Set.of("name", "phrases", "track");

    public record Result(KeywordRules rules, List<ValidationError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private KeywordRulesFile() {}

    public static Result load(Path path) throws IOException {
        return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static Result parse(String source, String content) {
        YamlDocument doc = YamlDocument.parse(source, content);
        if (doc.root() == null) return new Result(null, sorted(doc.errors()));
        Map<String, Node> root = doc.mapping(doc.root(), "the file", ROOT);
        if (root == null) return new Result(null, sorted(doc.errors()));
        String tenant = root.containsKey("tenant") ? doc.scalar(root.get("tenant"), "tenant") : null;
        if (tenant == null || tenant.isBlank()) doc.error(root.containsKey("tenant") ? YamlDocument.line(root.get("tenant")) : 1, "missing 'tenant'");
        String language = root.containsKey("language") ? doc.scalar(root.get("language"), "language") : "en";
        if (language != null && Language.fromTag(language).isEmpty()) {
            doc.error(YamlDocument.line(root.get("language")), "unsupported language '" + language + "' (en or zh)");
        }
        if (!root.containsKey("keyword_groups") && !root.containsKey("must_say") && !root.containsKey("must_not_say")) {
            doc.error(1, "no rules: expected keyword_groups, must_say or must_not_say");
        }
        Map<String, List<Keyword>> groups = new LinkedHashMap<>();
        if (root.containsKey("keyword_groups")) {
            Map<String, Node> g = doc.mapping(root.get("keyword_groups"), "keyword_groups", null);
            if (g != null) g.forEach((name, node) -> groups.put(name, phrases(doc, node, "keyword group '" + name + "'")));
        }
        List<MustSayRule> mustSay = new ArrayList<>();
        List<MustNotSayRule> mustNotSay = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        if (root.containsKey("must_say")) {
            List<Node> items = doc.sequence(root.get("must_say"), "must_say");
            if (items != null) for (Node n : items) {
                Map<String, Node> m = doc.mapping(n, "a must_say rule", MUST_SAY);
                if (m == null) continue;
                String name = ruleName(doc, m, n, names);
                List<Keyword> ph = m.containsKey("phrases") ? phrases(doc, m.get("phrases"), "rule '" + name + "'") : missing(doc, n, name);
                Long within = null;
                if (m.containsKey("within_first_ms")) {
                    String v = doc.scalar(m.get("within_first_ms"), "within_first_ms");
                    try {
                        within = v == null ? null : Long.parseLong(v.replace("_", ""));
                        if (within != null && within <= 0) {
                            doc.error(YamlDocument.line(m.get("within_first_ms")), "within_first_ms must be positive, was " + v);
                        }
                    } catch (NumberFormatException e) {
                        doc.error(YamlDocument.line(m.get("within_first_ms")), "within_first_ms must be a whole number of milliseconds, was '" + v + "'");
                    }
                }
                mustSay.add(new MustSayRule(name, YamlDocument.line(n), ph, track(doc, m), within));
            }
        }
        if (root.containsKey("must_not_say")) {
            List<Node> items = doc.sequence(root.get("must_not_say"), "must_not_say");
            if (items != null) for (Node n : items) {
                Map<String, Node> m = doc.mapping(n, "a must_not_say rule", MUST_NOT_SAY);
                if (m == null) continue;
                String name = ruleName(doc, m, n, names);
                List<Keyword> ph = m.containsKey("phrases") ? phrases(doc, m.get("phrases"), "rule '" + name + "'") : missing(doc, n, name);
                mustNotSay.add(new MustNotSayRule(name, YamlDocument.line(n), ph, track(doc, m)));
            }
        }
        List<ValidationError> errors = sorted(doc.errors());
        return new Result(errors.isEmpty() ? new KeywordRules(source, tenant, language, groups, mustSay, mustNotSay) : null, errors);
    }

    private static List<Keyword> missing(YamlDocument doc, Node n, String name) {
        doc.error(YamlDocument.line(n), "rule '" + name + "' has no 'phrases'");
        return List.of();
    }

    private static String ruleName(YamlDocument doc, Map<String, Node> m, Node n, Map<String, Integer> names) {
        if (!m.containsKey("name")) {
            doc.error(YamlDocument.line(n), "rule is missing 'name'");
            return "rule at line " + YamlDocument.line(n);
        }
        String name = doc.scalar(m.get("name"), "rule name");
        if (name == null || name.isBlank()) {
            doc.error(YamlDocument.line(n), "rule is missing 'name'");
            return "rule at line " + YamlDocument.line(n);
        }
        Integer prev = names.putIfAbsent(name, YamlDocument.line(m.get("name")));
        if (prev != null) doc.error(YamlDocument.line(m.get("name")), "duplicate rule name '" + name + "' (first at line " + prev + ")");
        return name;
    }

    private static Track track(YamlDocument doc, Map<String, Node> m) {
        if (!m.containsKey("track")) return null;
        String v = doc.scalar(m.get("track"), "track");
        if (v == null) return null;
        if (v.equalsIgnoreCase("any")) return null;
        try {
            return Track.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            doc.error(YamlDocument.line(m.get("track")), "unknown track '" + v + "' (AGENT, CUSTOMER, BOT or ANY)");
            return null;
        }
    }

    private static List<Keyword> phrases(YamlDocument doc, Node node, String what) {
        List<Keyword> out = new ArrayList<>();
        List<Node> items = doc.sequence(node, "phrases of " + what);
        if (items == null) return out;
        if (items.isEmpty()) doc.error(YamlDocument.line(node), what + " has no phrases");
        Normalizer normalizer = new Normalizer();
        Map<String, Integer> seen = new HashMap<>();
        for (Node n : items) {
            String v = doc.scalar(n, "a phrase in " + what);
            if (v == null) continue;
            if (v.isBlank()) {
                doc.error(YamlDocument.line(n), "empty phrase in " + what);
                continue;
            }
            if (!(n instanceof ScalarNode)) continue;
            Integer prev = seen.putIfAbsent(normalizer.normalize(v), YamlDocument.line(n));
            if (prev != null) doc.error(YamlDocument.line(n), "duplicate phrase '" + v + "' in " + what + " (same as line " + prev + ")");
            out.add(new Keyword(v, YamlDocument.line(n)));
        }
        return out;
    }

    private static List<ValidationError> sorted(List<ValidationError> errors) {
        List<ValidationError> l = new ArrayList<>(errors);
        Collections.sort(l);
        return l;
    }
}
