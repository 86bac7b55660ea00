package io.callsight.dialog.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The bot's answer to one event: sentences to speak in order, then listen, transfer or hang up. */
public record BotAction(List<Sentence> sentences, NextStep then) {
    public BotAction {
        sentences = List.copyOf(sentences);
    }

    public String text() {
        return sentences.stream().map(Sentence::text).collect(Collectors.joining(" "));
    }

    public boolean listens() {
        return then instanceof NextStep.Listen;
    }

    public boolean endsCall() {
        return !listens();
    }
}
