package io.callsight.nlp.intents.definition;

/** A (text, label) pair for the intent classifier trainers; label {@code out_of_scope} for out-of-scope text. */
public record TrainingExample(String text, String label) {
    public static java.util.List<TrainingExample> from(TenantIntents t) {
        java.util.List<TrainingExample> out = new java.util.ArrayList<>();
        for (IntentDefinition d : t.intents()) {
            if (d.name() == null) continue;
            for (Example e : d.examples()) if (!e.text().isBlank()) out.add(new TrainingExample(e.text(), d.name()));
        }
        for (Example e : t.outOfScope()) if (!e.text().isBlank()) out.add(new TrainingExample(e.text(), IntentFiles.OUT_OF_SCOPE));
        return out;
    }
}
