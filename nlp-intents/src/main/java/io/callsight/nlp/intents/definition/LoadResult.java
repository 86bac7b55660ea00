package io.callsight.nlp.intents.definition;

import io.callsight.config.ValidationError;
import java.util.List;

/** What a loader produced: the definitions (null if the file could not be read at all) and structural errors. */
public record LoadResult(TenantIntents intents, List<ValidationError> errors) {
    public LoadResult {
        errors = List.copyOf(errors);
    }
}
