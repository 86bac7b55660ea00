package io.callsight.nlp.intents.definition;

import io.callsight.config.ValidationError;
import io.callsight.nlp.entities.EntityType;
import io.callsight.nlp.text.Language;
import io.callsight.nlp.text.LanguageDetector;
import io.callsight.nlp.text.Normalizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks tenant intents and returns every problem as {@code file:line: message}. Duplicates are compared after
 * normalization ("What's my balance?" equals "what's my balance"), because a duplicate in two intents is a
 * contradiction the model cannot learn.
 */
public final class IntentValidator {
    public static final int MIN_EXAMPLES = 5;
    private final Normalizer normalizer = new Normalizer();
    private final int minExamples;

    public IntentValidator() {
        this(MIN_EXAMPLES);
    }

    public IntentValidator(int minExamples) {
        this.minExamples = minExamples;
    }

    /** Loads and validates; load errors and semantic errors together, sorted by line. */
    public List<ValidationError> validateFile(Path path) throws IOException {
        LoadResult r = IntentFiles.load(path);
        List<ValidationError> all = new ArrayList<>(r.errors());
        if (r.intents() != null) all.addAll(validate(r.intents()));
        Collections.sort(all);
        return all;
    }

    public List<ValidationError> validate(TenantIntents t) {
        List<ValidationError> errors = new ArrayList<>();
        String src = t.source();
        if (t.tenant() == null || t.tenant().isBlank()) errors.add(new ValidationError(src, t.tenantLine(), "missing 'tenant'"));
        if (t.language() == null || t.language().isBlank()) {
            errors.add(new ValidationError(src, t.languageLine(), "missing 'language' (en or zh)"));
        } else if (Language.fromTag(t.language()).isEmpty()) {
            errors.add(new ValidationError(src, t.languageLine(), "unsupported language '" + t.language() + "' (en or zh)"));
        }
        if (t.intents().isEmpty()) errors.add(new ValidationError(src, 1, "no intents defined"));

        Map<String, Integer> names = new HashMap<>();
        Map<String, Seen> examples = new HashMap<>();
        for (IntentDefinition d : t.intents()) {
            String label = d.name() == null ? "intent at line " + d.line() : "intent '" + d.name() + "'";
            if (d.name() == null || d.name().isBlank()) {
                errors.add(new ValidationError(src, d.line(), "intent is missing 'name'"));
            } else {
                if (!d.name().matches("[\\p{L}\\p{N}_./-]+")) {
                    errors.add(new ValidationError(src, d.line(), "intent name '" + d.name()
                            + "' may only contain letters, digits, '_', '-', '.', '/'"));
                }
                if (d.name().equals(IntentFiles.OUT_OF_SCOPE)) {
                    errors.add(new ValidationError(src, d.line(), "'out_of_scope' is reserved; list those examples under out_of_scope:"));
                }
                Integer prev = names.putIfAbsent(d.name(), d.line());
                if (prev != null) {
                    errors.add(new ValidationError(src, d.line(), "duplicate intent '" + d.name() + "' (first at line " + prev + ")"));
                }
            }
            long nonBlank = d.examples().stream().filter(e -> !e.text().isBlank()).count();
            if (nonBlank < minExamples) {
                errors.add(new ValidationError(src, d.line(), label + " has " + nonBlank + " example" + (nonBlank == 1 ? "" : "s")
                        + "; at least " + minExamples + " are needed"));
            }
            for (Example e : d.examples()) checkExample(src, e, label, examples, errors);
            for (SlotRef s : d.entities()) {
                if (EntityType.fromName(s.type()).isEmpty()) {
                    errors.add(new ValidationError(src, s.line(), "unknown entity type '" + s.type() + "' in " + label
                            + " (known: " + EntityType.knownNames() + ")"));
                }
            }
            if (d.answer() != null && d.answer().isBlank()) {
                errors.add(new ValidationError(src, d.answerLine(), "empty answer in " + label));
            }
        }
        for (Example e : t.outOfScope()) checkExample(src, e, "out_of_scope", examples, errors);
        Collections.sort(errors);
        return errors;
    }

    private record Seen(String owner, int line, String text) {}

    private void checkExample(String src, Example e, String owner, Map<String, Seen> seen, List<ValidationError> errors) {
        if (e.text().isBlank()) {
            errors.add(new ValidationError(src, e.line(), "empty example in " + owner));
            return;
        }
        String key = key(e.text());
        Seen prev = seen.putIfAbsent(key, new Seen(owner, e.line(), e.text()));
        if (prev == null) return;
        if (prev.owner().equals(owner)) {
            errors.add(new ValidationError(src, e.line(), "duplicate example \"" + e.text() + "\" in " + owner
                    + " (same as line " + prev.line() + ")"));
        } else {
            errors.add(new ValidationError(src, e.line(), "example \"" + e.text() + "\" in " + owner + " duplicates \""
                    + prev.text() + "\" in " + prev.owner() + " (line " + prev.line() + ")"));
        }
    }

    /** Normalized comparison key; Chinese ignores spacing, since segmenters differ on it. */
    String key(String text) {
        String n = normalizer.normalize(text);
        return LanguageDetector.containsHan(n) ? n.replace(" ", "") : n;
    }
}
