package io.callsight.dialog.chat;

import io.callsight.dialog.engine.UserTurn;
import io.callsight.nlp.intents.definition.Example;
import io.callsight.nlp.intents.definition.IntentDefinition;
import io.callsight.nlp.intents.definition.TenantIntents;
import io.callsight.nlp.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Intent by word overlap with the tenant's examples, for trying a flow in a terminal without a trained model:
 * the share of an example's content words the caller used, best example wins. A development aid, not the NLU:
 * it has no notion of synonyms, and its "confidence" is that share.
 */
public final class ExampleIntentMatcher {
    private static final Set<String> STOPWORDS = Set.of("i", "i'd", "i'm", "me", "my", "a", "an", "the", "to", "is", "it",
            "of", "in", "on", "for", "and", "do", "you", "can", "please", "want", "would", "like", "what", "what's", "how",
            "that", "this", "have", "be", "was", "are", "with", "just", "so", "now");

    private final Normalizer normalizer = new Normalizer();
    private final TenantIntents intents;

    public ExampleIntentMatcher(TenantIntents intents) {
        this.intents = intents;
    }

    public UserTurn classify(String text) {
        Set<String> said = contentWords(text);
        String best = null;
        double bestScore = 0;
        for (IntentDefinition d : intents.intents()) {
            for (Example e : d.examples()) {
                Set<String> example = contentWords(e.text());
                if (example.isEmpty()) continue;
                Set<String> shared = new HashSet<>(example);
                shared.retainAll(said);
                double score = (double) shared.size() / Math.min(example.size(), Math.max(1, said.size()));
                if (score > bestScore) {
                    bestScore = score;
                    best = d.name();
                }
            }
        }
        return UserTurn.of(text, best, Math.min(1, bestScore));
    }

    private Set<String> contentWords(String text) {
        return Arrays.stream(normalizer.normalize(text).split(" "))
                .filter(w -> !w.isBlank() && !STOPWORDS.contains(w)).collect(Collectors.toSet());
    }
}
