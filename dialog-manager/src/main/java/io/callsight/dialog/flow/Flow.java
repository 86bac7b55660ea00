package io.callsight.dialog.flow;

import java.util.Map;
import java.util.Optional;

/**
 * A validated, immutable bot flow: every transition leads to a state, every intent exists for the tenant, no
 * chain of speaking states loops. {@code faqAnswers} (intent → answer) are copied from the tenant's intent file
 * when the flow is loaded, so a running session keeps answering as it did when it started, like it keeps its
 * states. {@code version} is a hash of the flow file and those answers.
 */
public final class Flow {
    private final FlowDefinition definition;
    private final Map<String, String> faqAnswers;
    private final String version;

    Flow(FlowDefinition definition, Map<String, String> faqAnswers, String version) {
        this.definition = definition;
        this.faqAnswers = Map.copyOf(faqAnswers);
        this.version = version;
    }

    public String name() {
        return definition.name();
    }

    public String tenant() {
        return definition.tenant();
    }

    public String language() {
        return definition.language();
    }

    public Direction direction() {
        return definition.direction();
    }

    public String source() {
        return definition.source();
    }

    public String version() {
        return version;
    }

    public FlowSettings settings() {
        return definition.settings();
    }

    public State start() {
        return state(definition.start());
    }

    public State state(String name) {
        State s = definition.states().get(name);
        if (s == null) throw new IllegalArgumentException("flow " + name() + " has no state '" + name + "'");
        return s;
    }

    public Map<String, State> states() {
        return definition.states();
    }

    /** The message left on an answering machine (outbound flows), if any. */
    public Optional<Template> voicemail() {
        return Optional.ofNullable(definition.voicemail());
    }

    public Optional<String> faqAnswer(String intent) {
        return Optional.ofNullable(intent == null ? null : faqAnswers.get(intent));
    }

    @Override
    public String toString() {
        return tenant() + "/" + name() + "@" + version;
    }
}
