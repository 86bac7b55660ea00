package io.callsight.nlp.intents.definition;

import java.util.List;

/** A tenant's intent file as written: raw values plus lines, so validation can point at the exact place. */
public record TenantIntents(String source, String tenant, int tenantLine, String language, int languageLine,
                            List<IntentDefinition> intents, List<Example> outOfScope) {
    public TenantIntents {
        intents = List.copyOf(intents);
        outOfScope = List.copyOf(outOfScope);
    }

    public java.util.Optional<IntentDefinition> intent(String name) {
        return intents.stream().filter(i -> name.equals(i.name())).findFirst();
    }
}
