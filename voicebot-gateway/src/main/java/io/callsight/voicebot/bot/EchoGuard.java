package io.callsight.voicebot.bot;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the caller's own words from the bot's prompt coming back on the caller's track (acoustic echo from a
 * handset or speakerphone, spec §6.2): a partial heard while the bot speaks is echo when most of its words are words
 * of the prompt being played. A real interruption ("no, wait", "agent please") rarely repeats the prompt.
 *
 * <p>Text, not signal: the gateway has the prompt's words but no echo path estimate, and an echo that Vosk
 * transcribes is exactly the echo that would trigger a barge-in.
 */
final class EchoGuard {
    /** Share of a partial's words found in the prompt from which it is taken for echo. */
    static final double ECHO_SHARE = 0.6;

    private Set<String> promptWords = Set.of();

    void playing(String promptText) {
        Set<String> words = new HashSet<>();
        for (String w : words(promptText)) {
            words.add(w);
        }
        promptWords = words;
    }

    void silent() {
        promptWords = Set.of();
    }

    boolean isEcho(String partial) {
        String[] heard = words(partial);
        if (heard.length == 0 || promptWords.isEmpty()) {
            return false;
        }
        int inPrompt = 0;
        for (String w : heard) {
            if (promptWords.contains(w)) {
                inPrompt++;
            }
        }
        return inPrompt >= ECHO_SHARE * heard.length;
    }

    private static String[] words(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").strip();
        return cleaned.isEmpty() ? new String[0] : cleaned.split("\\s+");
    }
}
