package io.callsight.tenants.registry;

/** One problem in the registry, printed compiler-style as {@code file:line: message} (same as intent files). */
public record ValidationError(String file, int line, String message) implements Comparable<ValidationError> {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }

    @Override
    public int compareTo(ValidationError o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}
