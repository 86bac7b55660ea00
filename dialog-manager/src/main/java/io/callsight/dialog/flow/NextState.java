package io.callsight.dialog.flow;

/**
 * Where a state goes once it has spoken (say states) or filled its slot: {@code target}, or for yes/no slots
 * {@code ifYes} / {@code ifNo}.
 */
public record NextState(String target, String ifYes, String ifNo, int line) {
    public static NextState to(String target, int line) {
        return new NextState(target, null, null, line);
    }

    public boolean branches() {
        return target == null;
    }
}
