package io.callsight.nlp.insights;

import io.callsight.config.ValidationError;
import io.callsight.config.YamlDocument;
import io.callsight.nlp.redaction.RedactionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A tenant's {@code tenant.yaml} next to its models ({@code <models>/<tenant>/tenant.yaml}); every key is optional:
 *
 * <pre>
 * redact: [email, card, phone, ssn, uk_ni, cn_resident_id, dob, digit_run]   # default: all of them
 * min_digit_run: 6                                                      # digit runs this long are redacted
 * vocabulary: [Nova Telecom, FiberMax]                                   # recognizer output is corrected toward these
 * </pre>
 *
 * Without the file the tenant gets every redaction category and no vocabulary: redacting too much is the safe
 * mistake. {@code redact: []} turns redaction off.
 */
public record TenantSettings(RedactionPolicy redaction, List<String> vocabulary) {
    public static final String FILE = "tenant.yaml";
    private static final Set<String> KEYS = Set.of("redact", "min_digit_run", "vocabulary");

    public TenantSettings {
        vocabulary = List.copyOf(vocabulary);
    }

    public static TenantSettings defaults() {
        return new TenantSettings(RedactionPolicy.all(), List.of());
    }

    /** Reads {@code file}, or the defaults when it does not exist. */
    public static TenantSettings load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @throws InvalidTenantConfigException listing every problem as {@code file:line: message} */
    public static TenantSettings parse(String source, String content) {
        if (content.isBlank()) {
            return defaults();
        }
        YamlDocument doc = YamlDocument.parse(source, content);
        Map<String, Node> root = doc.root() == null ? null : doc.mapping(doc.root(), "the file", KEYS);
        if (root == null) {
            throw new InvalidTenantConfigException(doc.errors());
        }
        int minDigitRun = RedactionPolicy.all().minDigitRun();
        if (root.containsKey("min_digit_run")) {
            String v = doc.scalar(root.get("min_digit_run"), "min_digit_run");
            try {
                minDigitRun = Integer.parseInt(v);
                if (minDigitRun < 1) {
                    doc.error(YamlDocument.line(root.get("min_digit_run")), "min_digit_run must be at least 1, was " + v);
                    minDigitRun = 1;
                }
            } catch (NumberFormatException e) {
                doc.error(YamlDocument.line(root.get("min_digit_run")), "min_digit_run must be a whole number, was '" + v + "'");
            }
        }
        RedactionPolicy policy = new RedactionPolicy(RedactionPolicy.all().categories(), minDigitRun);
        if (root.containsKey("redact")) {
            List<String> names = strings(doc, root.get("redact"), "redact");
            try {
                policy = RedactionPolicy.fromNames(names, minDigitRun);
            } catch (IllegalArgumentException e) {
                doc.error(YamlDocument.line(root.get("redact")), e.getMessage());
            }
        }
        List<String> vocabulary = root.containsKey("vocabulary") ? strings(doc, root.get("vocabulary"), "vocabulary") : List.of();
        if (!doc.errors().isEmpty()) {
            throw new InvalidTenantConfigException(doc.errors());
        }
        return new TenantSettings(policy, vocabulary);
    }

    private static List<String> strings(YamlDocument doc, Node node, String what) {
        List<String> out = new ArrayList<>();
        List<Node> items = doc.sequence(node, what);
        if (items != null) {
            for (Node n : items) {
                String v = doc.scalar(n, "an entry of " + what);
                if (v != null && !v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    /** A tenant file that cannot be used; the message lists every problem. */
    public static final class InvalidTenantConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidTenantConfigException(List<ValidationError> errors) {
            super(errors.stream().sorted().map(ValidationError::toString).reduce((a, b) -> a + "\n" + b)
                    .orElse("invalid tenant configuration"));
        }
    }
}
