package io.callsight.tenants;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an API key may do. A key has exactly one role, so a leaked ingest key cannot read transcripts. */
public enum Role {
    /** Sends audio (AudioHook, recording import). */
    INGEST,
    /** Reads calls, transcripts and recordings in the QA console. */
    QA,
    /** A live agent's desktop: its own calls only. */
    AGENT,
    /** Manages the tenant's configuration. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining("|"));
    }
}
