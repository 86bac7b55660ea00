package io.callsight.tenants;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One client company: who it is, how its calls are processed and kept, and the credentials it calls in with. */
public record Tenant(
        String id,
        String name,
        List<String> languages,
        ZoneId timeZone,
        Retention retention,
        List<ApiKey> apiKeys,
        Optional<EncryptedSecret> audioHookSecret) {

    public Tenant {
        TenantId.require(id);
        Objects.requireNonNull(name, "name");
        languages = List.copyOf(languages);
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(retention, "retention");
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(audioHookSecret, "audioHookSecret");
    }

    public Optional<ApiKey> apiKey(String keyId) {
        return apiKeys.stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    public Tenant withApiKey(ApiKey key) {
        List<ApiKey> keys = new ArrayList<>(apiKeys);
        keys.removeIf(k -> k.id().equals(key.id()));
        keys.add(key);
        return new Tenant(id, name, languages, timeZone, retention, keys, audioHookSecret);
    }

    public Tenant withAudioHookSecret(EncryptedSecret secret) {
        return new Tenant(id, name, languages, timeZone, retention, apiKeys, Optional.of(secret));
    }
}
