package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import java.util.List;

/** What loading one flow file gave: the flow if it is valid (null otherwise) and every problem found. */
public record FlowLoad(String source, Flow flow, List<ValidationError> errors) {
    public FlowLoad {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return flow != null;
    }
}
