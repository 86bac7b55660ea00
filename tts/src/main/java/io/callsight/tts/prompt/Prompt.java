package io.callsight.tts.prompt;

import io.callsight.tts.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bot says: a fixed text, or a template whose {@code {slot}} placeholders are filled per call.
 *
 * <p>The template is split into sentences before the slots are filled, so a value such as "Dr. Lee" or
 * "3.50" cannot split a sentence, and sentences without a slot are the same in every call: those are cached,
 * the ones with a value are synthesized live and never cached (slot values are often personal data).
 */
public final class Prompt {
    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final List<PromptSentence> sentences;

    private Prompt(List<PromptSentence> sentences) {
        this.sentences = List.copyOf(sentences);
    }

    /** A text spoken as written; braces in it are just text. Every sentence is cacheable. */
    public static Prompt fixed(String text) {
        return new Prompt(SentenceSplitter.split(text).stream().map(s -> new PromptSentence(s, true)).toList());
    }

    /**
     * Sentences already rendered by a caller that knows which of them carry slot values (a dialog engine): those
     * are never cached, so a caller's account number does not outlive the call in the cache.
     */
    public static Prompt of(List<PromptSentence> sentences) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one sentence");
        }
        return new Prompt(sentences);
    }

    /**
     * A template with {@code {name}} placeholders.
     *
     * @throws IllegalArgumentException naming the first placeholder that has no value
     */
    public static Prompt template(String template, Map<String, String> slotValues) {
        List<PromptSentence> sentences = new ArrayList<>();
        for (String sentence : SentenceSplitter.split(template)) {
            Matcher slot = SLOT.matcher(sentence);
            if (!slot.find()) {
                sentences.add(new PromptSentence(sentence, true));
                continue;
            }
            StringBuilder filled = new StringBuilder();
            do {
                String value = slotValues.get(slot.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("no value for slot {" + slot.group(1) + "} in \"" + template + "\"");
                }
                slot.appendReplacement(filled, Matcher.quoteReplacement(value));
            } while (slot.find());
            slot.appendTail(filled);
            sentences.add(new PromptSentence(filled.toString().strip().replaceAll("\\s+", " "), false));
        }
        return new Prompt(sentences);
    }

    public List<PromptSentence> sentences() {
        return sentences;
    }

    /** True when every sentence can come from the cache: such a prompt is worth warming up. */
    public boolean isStatic() {
        return sentences.stream().allMatch(PromptSentence::cacheable);
    }

    /** The whole text as spoken. */
    public String text() {
        return String.join(" ", sentences.stream().map(PromptSentence::text).toList());
    }

    @Override
    public String toString() {
        return "Prompt[" + sentences.size() + " sentences, " + (isStatic() ? "static" : "with slots") + "]";
    }

    /** One unit of synthesis. {@code cacheable} is false for sentences that carry a slot value. */
    public record PromptSentence(String text, boolean cacheable) {
    }
}
