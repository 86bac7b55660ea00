package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import io.callsight.config.YamlDocument;
import io.callsight.dialog.slots.DateRange;
import io.callsight.dialog.slots.SlotSpec;
import io.callsight.dialog.slots.SlotType;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a flow file into a {@link FlowDefinition}, reporting what is wrong in its shape and values (bad YAML,
 * unknown keys, a setting that is not a positive number, an unknown slot type) with the line. Never throws on
 * content: what it cannot read is left null and reported.
 */
final class FlowParser {
    private static final Set<String> ROOT_KEYS = Set.of("flow", "tenant", "language", "direction", "start", "settings",
            "voicemail", "states", "description");
    private static final Set<String> SETTINGS_KEYS = Set.of("max_turns", "no_input_limit", "no_match_limit",
            "no_input_timeout_ms", "barge_in_min_words", "min_intent_confidence", "escalation", "on_max_turns");
    private static final Set<String> ESCALATION_KEYS = Set.of("queue", "reason", "say");
    private static final Set<String> STATE_KEYS = Set.of("prompt", "reprompt", "say", "confirm", "invalid", "on", "keys",
            "faq", "slot", "next", "transfer", "hangup", "barge_in", "description");
    private static final Set<String> SLOT_KEYS = Set.of("name", "type", "length", "min_length", "max_length", "min", "max",
            "range", "earliest", "latest", "sensitive");
    private static final Set<String> TRANSFER_KEYS = Set.of("queue", "reason");
    private static final Set<String> HANGUP_KEYS = Set.of("outcome", "reason");
    private static final Set<String> BRANCH_KEYS = Set.of("yes", "no");
    private static final Set<String> DTMF_KEYS = Set.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#");
    static final String NAME_PATTERN = "[A-Za-z0-9_.-]+";

    private final YamlDocument doc;

    private FlowParser(YamlDocument doc) {
        this.doc = doc;
    }

    record Parsed(FlowDefinition definition, List<ValidationError> errors) {}

    static Parsed parse(String source, String content) {
        YamlDocument doc = YamlDocument.parse(source, content);
        if (doc.root() == null) return new Parsed(null, List.copyOf(doc.errors()));
        FlowDefinition def = new FlowParser(doc).definition();
        return new Parsed(def, List.copyOf(doc.errors()));
    }

    private FlowDefinition definition() {
        Map<String, Node> root = doc.mapping(doc.root(), "the flow file", ROOT_KEYS);
        if (root == null) return null;
        Field name = required(root, "flow", 1), tenant = required(root, "tenant", 1), language = required(root, "language", 1);
        Field start = required(root, "start", 1), direction = required(root, "direction", 1);
        Direction dir = null;
        if (direction.value != null) {
            try {
                dir = Direction.valueOf(direction.value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                doc.error(direction.line, "direction must be inbound or outbound, found '" + direction.value + "'");
            }
        }
        FlowSettings settings = root.containsKey("settings") ? settings(root.get("settings")) : FlowSettings.DEFAULTS;
        Template voicemail = root.containsKey("voicemail") ? template(root.get("voicemail"), "voicemail") : null;
        Map<String, State> states = new LinkedHashMap<>();
        if (!root.containsKey("states")) {
            doc.error(1, "missing 'states'");
        } else {
            Map<String, Node> items = doc.mapping(root.get("states"), "states", null);
            if (items != null) {
                Map<String, Integer> keyLines = keyLines(root.get("states"));
                items.forEach((stateName, node) -> {
                    int line = keyLines.getOrDefault(stateName, YamlDocument.line(node));
                    if (!stateName.matches(NAME_PATTERN)) {
                        doc.error(line, "state name '" + stateName + "' may only contain letters, digits, '_', '-', '.'");
                    }
                    State s = state(stateName, line, node);
                    if (s != null) states.put(stateName, s);
                });
            }
        }
        return new FlowDefinition(doc.source(), name.value, tenant.value, tenant.line, language.value, language.line, dir,
                direction.line, start.value, start.line, settings, voicemail, states);
    }

    private record Field(String value, int line) {}

    private Field required(Map<String, Node> m, String key, int missingLine) {
        if (!m.containsKey(key)) {
            doc.error(missingLine, "missing '" + key + "'");
            return new Field(null, missingLine);
        }
        Node n = m.get(key);
        String v = doc.scalar(n, key);
        if (v != null && v.isBlank()) {
            doc.error(n, "'" + key + "' is empty");
            v = null;
        }
        return new Field(v, YamlDocument.line(n));
    }

    /** Lines of a mapping's keys: a state is reported where its name is written, not where its body starts. */
    private static Map<String, Integer> keyLines(Node node) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                if (t.getKeyNode() instanceof ScalarNode k) out.putIfAbsent(k.getValue(), YamlDocument.line(k));
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- settings

    private FlowSettings settings(Node node) {
        FlowSettings d = FlowSettings.DEFAULTS;
        Map<String, Node> m = doc.mapping(node, "settings", SETTINGS_KEYS);
        if (m == null) return d;
        int maxTurns = intSetting(m, "max_turns", d.maxTurns(), 1);
        int noInput = intSetting(m, "no_input_limit", d.noInputLimit(), 1);
        int noMatch = intSetting(m, "no_match_limit", d.noMatchLimit(), 1);
        int timeout = intSetting(m, "no_input_timeout_ms", (int) d.noInputTimeoutMs(), 500);
        int bargeIn = intSetting(m, "barge_in_min_words", d.bargeInMinWords(), 1);
        double confidence = d.minIntentConfidence();
        if (m.containsKey("min_intent_confidence")) {
            String v = doc.scalar(m.get("min_intent_confidence"), "min_intent_confidence");
            Double parsed = v == null ? null : parseDouble(v);
            if (parsed == null || parsed < 0 || parsed > 1) {
                if (v != null) doc.error(m.get("min_intent_confidence"), "min_intent_confidence must be a number from 0 to 1, found '" + v + "'");
            } else {
                confidence = parsed;
            }
        }
        TransferTarget escalation = null;
        if (m.containsKey("escalation")) {
            Map<String, Node> e = doc.mapping(m.get("escalation"), "escalation", ESCALATION_KEYS);
            if (e != null) {
                String queue = e.containsKey("queue") ? nonBlank(e.get("queue"), "escalation queue") : null;
                if (!e.containsKey("queue")) doc.error(m.get("escalation"), "escalation needs a 'queue'");
                String reason = e.containsKey("reason") ? nonBlank(e.get("reason"), "escalation reason") : "bot_escalation";
                Template say = e.containsKey("say") ? template(e.get("say"), "escalation say") : null;
                if (queue != null) escalation = new TransferTarget(queue, reason, say, YamlDocument.line(m.get("escalation")));
            }
        }
        MaxTurnsAction onMax = escalation == null ? MaxTurnsAction.HANGUP : MaxTurnsAction.TRANSFER;
        if (m.containsKey("on_max_turns")) {
            String v = doc.scalar(m.get("on_max_turns"), "on_max_turns");
            if (v != null) {
                try {
                    onMax = MaxTurnsAction.valueOf(v.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    doc.error(m.get("on_max_turns"), "on_max_turns must be transfer or hangup, found '" + v + "'");
                }
                if (onMax == MaxTurnsAction.TRANSFER && !m.containsKey("escalation")) {
                    doc.error(m.get("on_max_turns"), "on_max_turns: transfer needs settings.escalation with a queue");
                }
            }
        }
        return new FlowSettings(maxTurns, noInput, noMatch, timeout, bargeIn, confidence, escalation, onMax);
    }

    private int intSetting(Map<String, Node> m, String key, int fallback, int min) {
        if (!m.containsKey(key)) return fallback;
        Integer v = wholeNumber(m.get(key), key, min);
        return v == null ? fallback : v;
    }

    private Integer wholeNumber(Node n, String what, int min) {
        String v = doc.scalar(n, what);
        if (v == null) return null;
        try {
            int i = Integer.parseInt(v.strip());
            if (i >= min) return i;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        doc.error(n, what + " must be a whole number ≥ " + min + ", found '" + v + "'");
        return null;
    }

    private static Double parseDouble(String v) {
        try {
            double d = Double.parseDouble(v.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- states

    private State state(String name, int line, Node node) {
        if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
            doc.error(line, "state '" + name + "' is empty: give it a prompt, a say, a transfer or a hangup");
            return new State(name, line, null, null, null, null, null, List.of(), List.of(), false, null, null, null, null, true);
        }
        Map<String, Node> m = doc.mapping(node, "state '" + name + "'", STATE_KEYS);
        if (m == null) return null;
        String what = "state '" + name + "'";
        Template prompt = optTemplate(m, "prompt", what), reprompt = optTemplate(m, "reprompt", what);
        Template say = optTemplate(m, "say", what), confirm = optTemplate(m, "confirm", what);
        Template invalid = optTemplate(m, "invalid", what);
        List<Transition> on = m.containsKey("on") ? transitions(m.get("on"), "on of " + what, null) : List.of();
        List<Transition> keys = m.containsKey("keys") ? transitions(m.get("keys"), "keys of " + what, DTMF_KEYS) : List.of();
        boolean faq = m.containsKey("faq") && bool(m.get("faq"), "faq", false);
        boolean bargeIn = !m.containsKey("barge_in") || bool(m.get("barge_in"), "barge_in", true);
        SlotSpec slot = m.containsKey("slot") ? slot(m.get("slot"), what) : null;
        NextState next = m.containsKey("next") ? next(m.get("next"), what) : null;
        TransferTarget transfer = m.containsKey("transfer") ? transfer(m.get("transfer"), what) : null;
        Hangup hangup = m.containsKey("hangup") ? hangup(m.get("hangup"), what) : null;
        return new State(name, line, prompt, reprompt, say, confirm, invalid, on, keys, faq, slot, next, transfer, hangup,
                bargeIn);
    }

    private Template optTemplate(Map<String, Node> m, String key, String what) {
        return m.containsKey(key) ? template(m.get(key), key + " of " + what) : null;
    }

    private Template template(Node n, String what) {
        String v = doc.scalar(n, what);
        if (v == null) return null;
        if (v.isBlank()) {
            doc.error(n, what + " is empty");
            return null;
        }
        return new Template(v.strip(), YamlDocument.line(n));
    }

    private boolean bool(Node n, String what, boolean fallback) {
        String v = doc.scalar(n, what);
        if (v == null) return fallback;
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                doc.error(n, what + " must be true or false, found '" + v + "'");
                yield fallback;
            }
        };
    }

    private String nonBlank(Node n, String what) {
        String v = doc.scalar(n, what);
        if (v != null && v.isBlank()) {
            doc.error(n, what + " is empty");
            return null;
        }
        return v == null ? null : v.strip();
    }

    private List<Transition> transitions(Node node, String what, Set<String> allowedTriggers) {
        Map<String, Node> m = doc.mapping(node, what, allowedTriggers);
        if (m == null) return List.of();
        Map<String, Integer> lines = keyLines(node);
        List<Transition> out = new ArrayList<>();
        m.forEach((trigger, target) -> {
            String t = nonBlank(target, "target of '" + trigger + "' in " + what);
            if (t != null) out.add(new Transition(trigger, t, lines.getOrDefault(trigger, YamlDocument.line(target))));
        });
        return out;
    }

    private SlotSpec slot(Node node, String what) {
        Map<String, Node> m = doc.mapping(node, "slot of " + what, SLOT_KEYS);
        if (m == null) return null;
        int line = YamlDocument.line(node);
        String name = m.containsKey("name") ? nonBlank(m.get("name"), "slot name") : null;
        if (!m.containsKey("name")) doc.error(line, "slot of " + what + " needs a 'name'");
        else if (name != null && !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            doc.error(m.get("name"), "slot name '" + name + "' may only contain letters, digits and '_' (it is used as {" + name + "})");
        }
        SlotType type = null;
        if (!m.containsKey("type")) {
            doc.error(line, "slot of " + what + " needs a 'type' (" + SlotType.knownNames() + ")");
        } else {
            String t = doc.scalar(m.get("type"), "slot type");
            if (t != null) {
                type = SlotType.fromName(t).orElse(null);
                if (type == null) doc.error(m.get("type"), "unknown slot type '" + t + "' (known: " + SlotType.knownNames() + ")");
            }
        }
        Integer length = optWhole(m, "length", 1), minLength = optWhole(m, "min_length", 1), maxLength = optWhole(m, "max_length", 1);
        if (length != null && (minLength != null || maxLength != null)) {
            doc.error(m.get("length"), "give either length or min_length/max_length, not both");
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            doc.error(m.get("min_length"), "min_length " + minLength + " is above max_length " + maxLength);
        }
        BigDecimal min = optDecimal(m, "min"), max = optDecimal(m, "max");
        if (min != null && max != null && min.compareTo(max) > 0) doc.error(m.get("min"), "min is above max");
        DateRange range = DateRange.ANY;
        if (m.containsKey("range")) {
            String r = doc.scalar(m.get("range"), "range");
            if (r != null) {
                try {
                    range = DateRange.valueOf(r.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    doc.error(m.get("range"), "range must be any, past or future, found '" + r + "'");
                }
            }
        }
        LocalTime earliest = optTime(m, "earliest"), latest = optTime(m, "latest");
        if (earliest != null && latest != null && earliest.isAfter(latest)) doc.error(m.get("earliest"), "earliest is after latest");
        boolean sensitive = m.containsKey("sensitive") && bool(m.get("sensitive"), "sensitive", false);
        if (type != null) checkConstraintsFit(type, m);
        if (name == null || type == null) return null;
        return new SlotSpec(name, type, length, minLength, maxLength, min, max, range, earliest, latest, sensitive, line);
    }

    /** A length on a date slot is a mistake the author should hear about, not a constraint silently ignored. */
    private void checkConstraintsFit(SlotType type, Map<String, Node> m) {
        Map<String, Set<SlotType>> fits = Map.of("length", Set.of(SlotType.DIGITS), "min_length", Set.of(SlotType.DIGITS),
                "max_length", Set.of(SlotType.DIGITS), "min", Set.of(SlotType.NUMBER), "max", Set.of(SlotType.NUMBER),
                "range", Set.of(SlotType.DATE), "earliest", Set.of(SlotType.TIME), "latest", Set.of(SlotType.TIME));
        fits.forEach((key, types) -> {
            if (m.containsKey(key) && !types.contains(type)) {
                doc.error(m.get(key), "'" + key + "' does not apply to a " + type.yamlName() + " slot");
            }
        });
    }

    private Integer optWhole(Map<String, Node> m, String key, int min) {
        return m.containsKey(key) ? wholeNumber(m.get(key), key, min) : null;
    }

    private BigDecimal optDecimal(Map<String, Node> m, String key) {
        if (!m.containsKey(key)) return null;
        String v = doc.scalar(m.get(key), key);
        if (v == null) return null;
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            doc.error(m.get(key), key + " must be a number, found '" + v + "'");
            return null;
        }
    }

    private LocalTime optTime(Map<String, Node> m, String key) {
        if (!m.containsKey(key)) return null;
        String v = doc.scalar(m.get(key), key);
        if (v == null) return null;
        try {
            return LocalTime.parse(v.strip().length() == 4 ? "0" + v.strip() : v.strip());
        } catch (DateTimeParseException e) {
            doc.error(m.get(key), key + " must be a time like 09:00, found '" + v + "'");
            return null;
        }
    }

    private NextState next(Node node, String what) {
        int line = YamlDocument.line(node);
        if (node instanceof ScalarNode) {
            String t = nonBlank(node, "next of " + what);
            return t == null ? null : NextState.to(t, line);
        }
        Map<String, Node> m = doc.mapping(node, "next of " + what, BRANCH_KEYS);
        if (m == null) return null;
        if (!m.containsKey("yes") || !m.containsKey("no")) {
            doc.error(line, "next of " + what + " branches on a yes/no answer and needs both 'yes' and 'no'");
        }
        String yes = m.containsKey("yes") ? nonBlank(m.get("yes"), "yes branch") : null;
        String no = m.containsKey("no") ? nonBlank(m.get("no"), "no branch") : null;
        return yes == null && no == null ? null : new NextState(null, yes, no, line);
    }

    private TransferTarget transfer(Node node, String what) {
        Map<String, Node> m = doc.mapping(node, "transfer of " + what, TRANSFER_KEYS);
        if (m == null) return null;
        if (!m.containsKey("queue")) {
            doc.error(node, "transfer of " + what + " needs a 'queue'");
            return null;
        }
        String queue = nonBlank(m.get("queue"), "queue");
        String reason = m.containsKey("reason") ? nonBlank(m.get("reason"), "reason") : null;
        return queue == null ? null : new TransferTarget(queue, reason, null, YamlDocument.line(node));
    }

    private Hangup hangup(Node node, String what) {
        int line = YamlDocument.line(node);
        String outcome, reason = null;
        Node outcomeNode = node;
        if (node instanceof ScalarNode s) {
            outcome = s.getValue();
        } else {
            Map<String, Node> m = doc.mapping(node, "hangup of " + what, HANGUP_KEYS);
            if (m == null) return null;
            if (!m.containsKey("outcome")) {
                doc.error(line, "hangup of " + what + " needs an 'outcome' (completed or failed)");
                return null;
            }
            outcomeNode = m.get("outcome");
            outcome = doc.scalar(outcomeNode, "outcome");
            if (m.containsKey("reason")) reason = nonBlank(m.get("reason"), "reason");
        }
        if (outcome == null) return null;
        HangupOutcome o = HangupOutcome.fromName(outcome).orElse(null);
        if (o == null) {
            doc.error(outcomeNode, "hangup outcome must be completed or failed, found '" + outcome + "'");
            return null;
        }
        return new Hangup(o, reason, line);
    }
}
