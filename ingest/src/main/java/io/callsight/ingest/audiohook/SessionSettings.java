package io.callsight.ingest.audiohook;

import java.time.Duration;

/**
 * How sessions behave where the spec leaves a choice (§11), and their limits.
 *
 * @param frameMs                   audio per published {@code AudioFrame} record; 20 ms: a word reaches the recognizer
 *                                  sooner than with import's 100 ms (docs/latency.md: 205 vs 270 ms to its partial)
 * @param acceptMono                whether a 1-channel offer is taken when there is no 2-channel one
 * @param sendUpdated               answer {@code update} with {@code updated} (§11.6: optional, default off)
 * @param pauseOnUnsupportedLanguage an unsupported language opens paused / pauses the stream until a supported
 *                                  {@code update} (§9.1)
 * @param pauseOnMissingLanguage    the same for an {@code open} without {@code language}; off by default, so plain
 *                                  audio sessions (no Transcript Connector) get the tenant's first language
 * @param l16BigEndian              L16 byte order on the wire (§11.7: the reference sends little-endian)
 * @param transcriptsOnStreamTime   transcript offsets on the stream timeline {@code Ps} instead of received audio
 *                                  {@code Pr} (§9.4, §11.5: {@code Pr} recommended)
 * @param maxAudioFrameBytes        a larger binary message is a protocol error
 * @param maxTextChars              a longer text message is a protocol error (§4)
 * @param openTimeout               no {@code open} this long after the upgrade: the socket is closed
 * @param disconnectTimeout         no {@code close} this long after a {@code disconnect}: the socket is closed
 * @param closeGrace                how long {@code closed} waits after {@code close} for final transcripts
 */
public record SessionSettings(
        int frameMs,
        boolean acceptMono,
        boolean sendUpdated,
        boolean pauseOnUnsupportedLanguage,
        boolean pauseOnMissingLanguage,
        boolean l16BigEndian,
        boolean transcriptsOnStreamTime,
        int maxAudioFrameBytes,
        int maxTextChars,
        Duration openTimeout,
        Duration disconnectTimeout,
        Duration closeGrace) {

    public static final SessionSettings DEFAULTS = new SessionSettings(20, true, false, true, false, false, false,
            64 * 1024, 65_535, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ZERO);

    public SessionSettings {
        if (frameMs < 10 || frameMs > 1000) {
            throw new IllegalArgumentException("frame length must be 10..1000 ms, got " + frameMs);
        }
    }

    public SessionSettings withFrameMs(int ms) {
        return new SessionSettings(ms, acceptMono, sendUpdated, pauseOnUnsupportedLanguage, pauseOnMissingLanguage,
                l16BigEndian, transcriptsOnStreamTime, maxAudioFrameBytes, maxTextChars, openTimeout, disconnectTimeout,
                closeGrace);
    }

    public SessionSettings withSendUpdated(boolean on) {
        return new SessionSettings(frameMs, acceptMono, on, pauseOnUnsupportedLanguage, pauseOnMissingLanguage,
                l16BigEndian, transcriptsOnStreamTime, maxAudioFrameBytes, maxTextChars, openTimeout, disconnectTimeout,
                closeGrace);
    }

    public SessionSettings withCloseGrace(Duration grace) {
        return new SessionSettings(frameMs, acceptMono, sendUpdated, pauseOnUnsupportedLanguage, pauseOnMissingLanguage,
                l16BigEndian, transcriptsOnStreamTime, maxAudioFrameBytes, maxTextChars, openTimeout, disconnectTimeout,
                grace);
    }

    public SessionSettings withAcceptMono(boolean on) {
        return new SessionSettings(frameMs, on, sendUpdated, pauseOnUnsupportedLanguage, pauseOnMissingLanguage,
                l16BigEndian, transcriptsOnStreamTime, maxAudioFrameBytes, maxTextChars, openTimeout, disconnectTimeout,
                closeGrace);
    }

    public SessionSettings withTranscriptsOnStreamTime(boolean on) {
        return new SessionSettings(frameMs, acceptMono, sendUpdated, pauseOnUnsupportedLanguage, pauseOnMissingLanguage,
                l16BigEndian, on, maxAudioFrameBytes, maxTextChars, openTimeout, disconnectTimeout, closeGrace);
    }
}
