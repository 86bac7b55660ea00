package io.callsight.nlp.intents.definition;

import java.util.List;

/**
 * One tenant intent. {@code name} may be null when the file forgot it (the validator reports it);
 * {@code answer} is the FAQ reply a bot gives, null if none.
 */
public record IntentDefinition(String name, int line, List<Example> examples, List<SlotRef> entities, String answer,
                               int answerLine) {
    public IntentDefinition {
        examples = List.copyOf(examples);
        entities = List.copyOf(entities);
    }
}
