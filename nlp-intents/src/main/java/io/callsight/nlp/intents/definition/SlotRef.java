package io.callsight.nlp.intents.definition;

/** An entity type an intent expects (validated against {@link io.callsight.nlp.entities.EntityType}). */
public record SlotRef(String type, int line) {}
