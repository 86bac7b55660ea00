package io.callsight.stack;

import java.util.OptionalLong;

/** What {@code callsight status} prints for one component. */
public record ComponentStatus(String name, State state, OptionalLong pid, String url) {

    public enum State { RUNNING, STOPPED, EXTERNAL }

    public static ComponentStatus running(String name, long pid, String url) {
        return new ComponentStatus(name, State.RUNNING, OptionalLong.of(pid), url);
    }

    public static ComponentStatus stopped(String name, String url) {
        return new ComponentStatus(name, State.STOPPED, OptionalLong.empty(), url);
    }

    public static ComponentStatus external(String name, String url) {
        return new ComponentStatus(name, State.EXTERNAL, OptionalLong.empty(), url);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** One aligned line, e.g. {@code kafka          running   pid 4242    127.0.0.1:9092}. */
    @Override
    public String toString() {
        String pidText = pid.isPresent() ? "pid " + pid.getAsLong() : "";
        return String.format("%-14s %-9s %-11s %s", name, state.name().toLowerCase(), pidText, url);
    }
}
