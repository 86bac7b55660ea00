package io.callsight.dialog.engine;

/** One sentence the bot speaks; {@code bargeIn} false means the caller's speech must not cut it off. */
public record Sentence(String text, boolean bargeIn) {}
