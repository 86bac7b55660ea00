package io.callsight.voicebot.bot;

import io.callsight.dialog.chat.ExampleIntentMatcher;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.flow.IntentCatalog;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.insights.LoadedModel;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.nlp.insights.UnknownTenantException;

/**
 * What the caller meant: the tenant's trained intent model (the one the speech job uses, same registry and
 * grayscale split), or, for a tenant without one, nearest intent examples of its intent file.
 */
@FunctionalInterface
public interface CallerIntents {
    UserTurn read(String tenant, String language, String callId, String text);

    /** Trained models first; {@code examples} for tenants without a model (null: words only, no intent). */
    static CallerIntents of(ModelRegistry models, IntentCatalog examples) {
        return (tenant, language, callId, text) -> {
            if (models != null) {
                try {
                    LoadedModel model = models.tenant(tenant).intentsFor(callId);
                    if (model != null) {
                        TextClassifier classifier = model.classifier();
                        Prediction p = classifier.predict(text);
                        return p.outOfScope() ? UserTurn.of(text, null, p.confidence())
                                : UserTurn.of(text, p.label(), p.confidence());
                    }
                } catch (UnknownTenantException e) {
                    // no models for this tenant: fall back to its examples
                }
            }
            if (examples != null) {
                var intents = examples.intents(tenant, language);
                if (intents.isPresent()) {
                    return new ExampleIntentMatcher(intents.get()).classify(text);
                }
            }
            return UserTurn.words(text);
        };
    }
}
