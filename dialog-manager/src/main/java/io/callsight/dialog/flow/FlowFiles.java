package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import io.callsight.nlp.intents.definition.IntentDefinition;
import io.callsight.nlp.intents.definition.TenantIntents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads bot flow files: YAML parsed and validated against the tenant's intents, every problem as
 * {@code file:line: message}, a {@link Flow} only when there is none.
 *
 * <pre>
 * flow: balance-and-cards
 * tenant: acme-bank
 * language: en
 * direction: inbound            # or outbound (then an optional voicemail: message)
 * start: greeting
 * settings: {max_turns: 16, no_input_limit: 2, no_match_limit: 2, no_input_timeout_ms: 6000,
 *            barge_in_min_words: 2, min_intent_confidence: 0.5,
 *            escalation: {queue: general, reason: bot_could_not_help}}
 * states:
 *   greeting:
 *     prompt: Welcome to Acme Bank. How can I help?
 *     reprompt: You can ask for your balance or report a lost card.
 *     faq: true
 *     on: {check_balance: ask_account, report_lost_card: confirm_lost_card}
 *   ask_account:
 *     prompt: Please say or key in your eight digit account number.
 *     slot: {name: account, type: digits, length: 8}
 *     confirm: I heard {account}. Is that right?
 *     next: ...
 * </pre>
 */
public final class FlowFiles {
    private FlowFiles() {}

    public static FlowLoad load(Path file, IntentCatalog catalog) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), catalog);
    }

    /** Never throws on content: bad YAML and every semantic problem come back as errors. */
    public static FlowLoad parse(String source, String content, IntentCatalog catalog) {
        FlowParser.Parsed parsed = FlowParser.parse(source, content);
        List<ValidationError> errors = new ArrayList<>(parsed.errors());
        FlowDefinition def = parsed.definition();
        if (def == null) return new FlowLoad(source, null, sorted(errors));
        TenantIntents intents = null;
        if (catalog.checksIntents() && def.tenant() != null) {
            intents = catalog.intents(def.tenant(), def.language()).orElse(null);
            if (intents == null) {
                errors.add(new ValidationError(source, def.tenantLine(), "no intent file for tenant '" + def.tenant()
                        + "': its intent names cannot be checked"));
            }
        }
        errors.addAll(FlowValidator.validate(def, intents));
        if (!errors.isEmpty()) return new FlowLoad(source, null, sorted(errors));
        Map<String, String> answers = answers(intents);
        return new FlowLoad(source, new Flow(def, answers, version(content, answers)), List.of());
    }

    /** Every flow file (.yml, .yaml) in a directory and its subdirectories, or the file itself. */
    public static List<Path> flowFiles(Path fileOrDir) throws IOException {
        if (!Files.isDirectory(fileOrDir)) return List.of(fileOrDir);
        try (Stream<Path> s = Files.walk(fileOrDir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.ya?ml"))
                    .sorted().toList();
        }
    }

    private static Map<String, String> answers(TenantIntents intents) {
        Map<String, String> out = new TreeMap<>();
        if (intents == null) return out;
        for (IntentDefinition d : intents.intents()) {
            if (d.name() != null && d.answer() != null && !d.answer().isBlank()) out.put(d.name(), d.answer().strip());
        }
        return out;
    }

    private static String version(String content, Map<String, String> answers) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(content.getBytes(StandardCharsets.UTF_8));
            answers.forEach((k, v) -> sha.update((k + "\u0000" + v + "\u0000").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static List<ValidationError> sorted(List<ValidationError> errors) {
        List<ValidationError> out = new ArrayList<>(errors);
        Collections.sort(out);
        return out;
    }
}
