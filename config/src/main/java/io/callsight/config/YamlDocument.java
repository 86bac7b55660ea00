package io.callsight.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML (or JSON) file read as SnakeYAML nodes so every value keeps its line. Structural problems (bad YAML,
 * wrong node kinds, unknown or duplicate keys) are collected, never thrown, so one run reports all of them.
 * Shared by tenant intent files and keyword/compliance rule files.
 */
public final class YamlDocument {
    private final String source;
    private final List<ValidationError> errors = new ArrayList<>();
    private final Node root;

    private YamlDocument(String source, String content) {
        this.source = source;
        Node r = null;
        if (content == null || content.isBlank()) {
            error(1, "file is empty");
        } else {
            try {
                LoaderOptions opts = new LoaderOptions();
                opts.setAllowDuplicateKeys(true); // reported below with both lines
                r = new Yaml(new SafeConstructor(opts)).compose(new StringReader(content));
                if (r == null) error(1, "file is empty (only comments or blank lines)");
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                int line = mark == null ? 1 : mark.getLine() + 1;
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                error(line, "invalid YAML: " + problem.strip() + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            } catch (YAMLException e) {
                error(1, "invalid YAML: " + e.getMessage());
            }
        }
        this.root = r;
    }

    public static YamlDocument parse(String source, String content) {
        return new YamlDocument(source, content);
    }

    public Node root() {
        return root;
    }

    public String source() {
        return source;
    }

    public List<ValidationError> errors() {
        return errors;
    }

    public void error(int line, String message) {
        errors.add(new ValidationError(source, line, message));
    }

    /** A problem at {@code at}'s line. */
    public void error(Node at, String message) {
        error(line(at), message);
    }

    public static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    /** Mapping entries by key; reports non-mapping nodes, unknown keys and duplicate keys. */
    public Map<String, Node> mapping(Node node, String what, Set<String> allowedKeys) {
        if (!(node instanceof MappingNode m)) {
            error(line(node), what + " must be a mapping (key: value), found " + kind(node));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(line(t.getKeyNode()), "keys in " + what + " must be plain strings");
                continue;
            }
            String key = k.getValue();
            Integer prev = seen.put(key, line(k));
            if (prev != null) {
                error(line(k), "duplicate key '" + key + "' in " + what + " (first at line " + prev + ")");
                continue;
            }
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                error(line(k), "unknown key '" + key + "' in " + what + " (expected one of " + String.join(", ",
                        allowedKeys.stream().sorted().toList()) + ")");
                continue;
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    public List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode s) return s.getValue();
        if (node instanceof ScalarNode sc && sc.getValue().isEmpty()) return List.of(); // "key:" with nothing
        error(line(node), what + " must be a list, found " + kind(node));
        return null;
    }

    /** The string value of a scalar; null (with an error) otherwise. */
    public String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) return s.getValue();
        error(line(node), what + " must be a single value, found " + kind(node));
        return null;
    }

    public static String kind(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        return "a value";
    }
}
