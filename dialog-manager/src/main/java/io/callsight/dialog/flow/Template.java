package io.callsight.dialog.flow;

import io.callsight.dialog.slots.SlotValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt text with {@code {slot}} references, filled with the slots' spoken forms. Split into sentences because
 * speech is synthesized and played sentence by sentence: the first one plays while the next is synthesized.
 */
public record Template(String text, int line) {
    private static final Pattern REF = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

    /** Slot names the text refers to, in order of appearance. */
    public Set<String> slotNames() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = REF.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The text with every reference replaced; a slot not filled yet reads as nothing rather than as "{name}". */
    public String render(Map<String, SlotValue> slots) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            SlotValue v = slots.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v.spoken()));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s{2,}", " ").strip();
    }

    public List<String> sentences(Map<String, SlotValue> slots) {
        return splitSentences(render(slots));
    }

    /** Plain text (an FAQ answer) in sentences, without treating braces as references. */
    public static List<String> splitSentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }
}
