package io.callsight.voicebot.twilio;

import io.callsight.voicebot.Ulaw;
import java.time.Duration;

/**
 * The knobs of a session.
 *
 * @param startTimeout      no {@code start} this long after the upgrade: close (spec §7 watchdog, ~10 s)
 * @param inactivityTimeout no inbound message this long while streaming: close (§7, ~10 s)
 * @param maxGapFill        the largest timestamp hole filled with silence; a bigger jump is not believed
 * @param messageBytes      outbound media per message; see {@link OutboundPacer} for why 100 ms
 * @param maxLead           how far ahead of real time bot audio is sent at most
 * @param hangUpGrace       after {@code hangUp}, how long past the expected end of playback to wait for the last mark
 * @param stoppedCloseGrace after {@code stop}, how long Twilio gets to close the socket before the gateway does
 * @param maxMessageChars   a text frame longer than this is malformed (Twilio's are ~400 characters)
 */
public record SessionSettings(Duration startTimeout, Duration inactivityTimeout, Duration maxGapFill, int messageBytes,
        Duration maxLead, Duration hangUpGrace, Duration stoppedCloseGrace, int maxMessageChars) {

    public static final SessionSettings DEFAULTS = new SessionSettings(Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(10), 800, Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(2), 64 * 1024);

    public SessionSettings {
        if (messageBytes <= 0 || messageBytes % Ulaw.FRAME_BYTES != 0) {
            throw new IllegalArgumentException("messageBytes must be a positive multiple of " + Ulaw.FRAME_BYTES);
        }
        if (Ulaw.bytes(maxLead.toMillis()) < messageBytes) {
            throw new IllegalArgumentException("maxLead must cover at least one message");
        }
    }

    public SessionSettings withTimeouts(Duration start, Duration inactivity) {
        return new SessionSettings(start, inactivity, maxGapFill, messageBytes, maxLead, hangUpGrace, stoppedCloseGrace,
                maxMessageChars);
    }

    public SessionSettings withPacing(int bytesPerMessage, Duration lead) {
        return new SessionSettings(startTimeout, inactivityTimeout, maxGapFill, bytesPerMessage, lead, hangUpGrace,
                stoppedCloseGrace, maxMessageChars);
    }
}
