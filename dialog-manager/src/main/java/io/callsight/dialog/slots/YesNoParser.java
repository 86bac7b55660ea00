package io.callsight.dialog.slots;

import io.callsight.nlp.text.Normalizer;
import java.util.Set;

/**
 * Yes or no, from words or keys (1 = yes, 2 = no, the usual IVR convention). A negated agreement ("that's not
 * right", "not correct") is a no; an answer with both ("yes no", "yeah ... wrong") is left unfilled so the bot
 * asks again rather than guess.
 */
final class YesNoParser implements SlotParser {
    private static final Set<String> YES = Set.of("yes", "yeah", "yep", "yup", "ya", "correct", "right", "sure",
            "absolutely", "definitely", "affirmative", "ok", "okay", "indeed", "true", "confirm", "confirmed", "exactly");
    private static final Set<String> NO = Set.of("no", "nope", "nah", "wrong", "incorrect", "negative", "false");
    /** Words that turn a following agreement into a refusal. */
    private static final Set<String> NEGATORS = Set.of("not", "isn't", "wasn't", "don't", "doesn't", "never", "ain't");

    private final Normalizer normalizer = new Normalizer();

    @Override
    public SlotResult fromSpeech(String text, SlotSpec spec) {
        boolean yes = false, no = false, negated = false;
        for (String w : normalizer.normalize(text).split(" ")) {
            if (NEGATORS.contains(w)) {
                negated = true; // alone it is no answer: "I don't know"
            } else if (YES.contains(w)) {
                if (negated) no = true;
                else yes = true;
                negated = false;
            } else if (NO.contains(w)) {
                no = true;
            }
        }
        if (yes && no) return SlotResult.invalid("both yes and no");
        if (yes) return SlotResult.filled(SlotValue.YES);
        if (no) return SlotResult.filled(SlotValue.NO);
        return SlotResult.absent();
    }

    @Override
    public SlotResult fromKeys(String keys, SlotSpec spec) {
        return switch (keys) {
            case "1" -> SlotResult.filled(SlotValue.YES);
            case "2" -> SlotResult.filled(SlotValue.NO);
            default -> SlotResult.invalid("key " + keys + " is neither 1 (yes) nor 2 (no)");
        };
    }
}
