package io.callsight.config;

/** One problem in a configuration file, printed compiler-style as {@code file:line: message}. */
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
