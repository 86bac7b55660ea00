package io.callsight.voicebot.bot;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the caller's own words from the bot's prompt coming back on the caller's track (acoustic echo from a
 * handset or speakerphone, spec §6.2): a partial or turn heard while the bot speaks, or just after, is echo when most
 * of it is found in a recent prompt. A real interruption ("no, wait", "agent please") rarely repeats the prompt.
 *
 * <p>Compared as letter trigrams with the spaces taken out, not as words, because the recognizer mishears echo
 * (quiet, band-limited) in ways that split or join words: "Acme Bank" came back as "at me", whose trigrams
 * {@code tme} and {@code atm} are missing from the prompt but whose neighbours {@code eto}, {@code toa} are there.
 * Text, not signal: the gateway has the prompt's words but no echo path estimate, and an echo that Vosk transcribes is
 * exactly the echo that would trigger a barge-in.
 */
final class EchoGuard {
    /** Share of a text's trigrams found in a recent prompt from which it is taken for echo. */
    static final double ECHO_SHARE = 0.6;
    /** How long a prompt's echo may still arrive after it stopped playing: line delay plus the recognizer's lag. */
    static final long ECHO_TAIL_NANOS = 3_000_000_000L;
    private static final int PROMPTS_KEPT = 3;

    private record Played(Set<String> trigrams, long endedAtNanos) {}

    private final ArrayDeque<Played> recent = new ArrayDeque<>();
    private Set<String> playing = Set.of();

    void playing(String promptText) {
        silent(System.nanoTime());
        playing = trigrams(promptText);
    }

    void silent() {
        silent(System.nanoTime());
    }

    void silent(long nowNanos) {
        if (!playing.isEmpty()) {
            recent.addFirst(new Played(playing, nowNanos));
            while (recent.size() > PROMPTS_KEPT) {
                recent.removeLast();
            }
        }
        playing = Set.of();
    }

    boolean isEcho(String heard) {
        return isEcho(heard, System.nanoTime());
    }

    boolean isEcho(String heard, long nowNanos) {
        Set<String> text = trigrams(heard);
        if (text.isEmpty()) {
            return false;
        }
        if (share(text, playing) >= ECHO_SHARE) {
            return true;
        }
        for (Played p : recent) {
            if (nowNanos - p.endedAtNanos() <= ECHO_TAIL_NANOS && share(text, p.trigrams()) >= ECHO_SHARE) {
                return true;
            }
        }
        return false;
    }

    private static double share(Set<String> text, Set<String> prompt) {
        if (prompt.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String t : text) {
            if (prompt.contains(t)) {
                found++;
            }
        }
        return (double) found / text.size();
    }

    static Set<String> trigrams(String text) {
        String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 3 <= letters.length(); i++) {
            out.add(letters.substring(i, i + 3));
        }
        return out;
    }
}
