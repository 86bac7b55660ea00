package io.callsight.ingest.audiohook;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signature nonces seen within their validity window, so a captured upgrade request cannot be replayed. Bounded:
 * entries leave when their window has passed, and beyond {@code maxEntries} the oldest go first (a flood of valid
 * signatures can then at worst reopen the window for the oldest nonces, never grow memory).
 */
final class NonceCache {
    private final int maxEntries;
    /** key → epoch second after which the signature carrying it is too old anyway. Insertion order ~ expiry order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    NonceCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** True the first time {@code key} is seen within its window; false for a replay. */
    synchronized boolean firstUse(String key, long expiresAt, long now) {
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() >= now) {
                break;
            }
            it.remove();
        }
        Long known = seen.get(key);
        if (known != null && known >= now) {
            return false;
        }
        while (seen.size() >= maxEntries) {
            Iterator<String> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
        seen.put(key, expiresAt);
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
