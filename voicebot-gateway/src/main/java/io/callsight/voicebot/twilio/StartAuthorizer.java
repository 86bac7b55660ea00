package io.callsight.voicebot.twilio;

import java.util.Map;

/**
 * Decides at {@code start} which tenant a stream belongs to: from the key checked at the upgrade, or from a key in
 * {@code start.customParameters} (real Twilio cannot set headers on {@code <Stream>}).
 */
@FunctionalInterface
public interface StartAuthorizer {
    /** The custom parameter that may carry an API key; it is never handed to the bot. */
    String API_KEY_PARAMETER = "apiKey";

    /** {@code tenantId} when the stream may go on, otherwise {@code refusal}: why (for the log, naming no key). */
    record Decision(String tenantId, String refusal) {
        public static Decision allow(String tenantId) {
            return new Decision(tenantId, null);
        }

        public static Decision refuse(String reason) {
            return new Decision(null, reason);
        }

        public boolean allowed() {
            return tenantId != null;
        }
    }

    Decision authorize(Map<String, String> customParameters);
}
