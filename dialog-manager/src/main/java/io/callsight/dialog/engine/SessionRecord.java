package io.callsight.dialog.engine;

import io.callsight.dialog.flow.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a bot-session document needs: the flow version the session ran on, the exchanges, the slots as
 * canonical values (sensitive ones masked), the outcome (null while the call goes on), the number of caller
 * turns, and what callers said that the bot could not match: the questions to teach it next.
 */
public record SessionRecord(String tenant, String flow, String flowVersion, Direction direction, Instant startedAt,
                            Instant endedAt, int rounds, List<TurnRecord> turns, Map<String, String> slots,
                            Outcome outcome, List<String> unanswered, String lastState) {
    public SessionRecord {
        turns = List.copyOf(turns);
        slots = Map.copyOf(slots);
        unanswered = List.copyOf(unanswered);
    }
}
