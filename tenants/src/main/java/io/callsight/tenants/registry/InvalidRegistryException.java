package io.callsight.tenants.registry;

import io.callsight.config.ValidationError;
import java.util.List;
import java.util.stream.Collectors;

/** The registry file has problems; the message lists every one as {@code file:line: message}. */
public final class InvalidRegistryException extends RuntimeException {
    private final transient List<ValidationError> errors;

    public InvalidRegistryException(List<ValidationError> errors) {
        super(errors.size() == 1 ? errors.get(0).toString()
                : errors.size() + " problems:\n" + errors.stream().map(ValidationError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
