package io.callsight.ingest.audiohook;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who a session is, as established before the upgrade: the tenant its API key belongs to, the AudioHook ids from
 * the request headers, and what of the tenant the session needs.
 *
 * @param languages the tenant's languages as AudioHook codes ({@code en-US}), first = default
 * @param aniSalt   salt of the tenant's caller-number hashes
 */
public record SessionIdentity(
        String tenant,
        String keyId,
        UUID sessionId,
        UUID organizationId,
        String correlationId,
        List<String> languages,
        String aniSalt) {

    public SessionIdentity {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(organizationId, "organizationId");
        languages = List.copyOf(languages);
    }

    /** Registry languages ({@code en}, {@code zh}) as the full codes AudioHook lists (§9.1: {@code xx-YY}). */
    public static String audioHookCode(String language) {
        return switch (language.toLowerCase(java.util.Locale.ROOT)) {
            case "en" -> "en-US";
            case "zh" -> "zh-CN";
            case "de" -> "de-DE";
            case "fr" -> "fr-FR";
            case "es" -> "es-ES";
            default -> language;
        };
    }
}
