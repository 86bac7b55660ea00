package io.callsight.dialog.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flow file as written, before its graph and intents are checked: values may be null where the file left them
 * out or got them wrong (the parser has reported that). Lines point the validator at the place to fix.
 */
public record FlowDefinition(String source, String name, String tenant, int tenantLine, String language,
                             int languageLine, Direction direction, int directionLine, String start, int startLine,
                             FlowSettings settings, Template voicemail, Map<String, State> states) {
    public FlowDefinition {
        states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }
}
