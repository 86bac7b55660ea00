package io.callsight.ingest.audiohook;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AudioHook durations: {@code PT<seconds>S} with a plain non-negative decimal ({@code PT0S}, {@code PT12.5S},
 * {@code PT.5S}). {@link Duration#parse} rejects {@code PT.5S} and accepts forms the protocol does not
 * ({@code PT1M5S}), and {@link Duration#toString} writes minutes, so neither is used on the wire.
 */
public final class ProtocolDuration {
    private static final Pattern FORMAT = Pattern.compile("PT(?:(\\d*)\\.)?(\\d+)S");
    private static final int MAX_INTEGER_DIGITS = 12;
    static final int SAMPLE_RATE = 8000;

    private ProtocolDuration() {
    }

    /** The duration, nanosecond precision (further decimals are cut); empty if {@code text} is not a valid one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String integer = m.group(1) != null ? m.group(1) : m.group(2);
        String fraction = m.group(1) != null ? m.group(2) : "";
        if (integer.length() > MAX_INTEGER_DIGITS) {
            return Optional.empty();
        }
        long seconds = integer.isEmpty() ? 0 : Long.parseLong(integer);
        String nanos = (fraction + "000000000").substring(0, 9);
        return Optional.of(Duration.ofSeconds(seconds, Long.parseLong(nanos)));
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return "PT" + plain(seconds) + "S";
    }

    public static String formatMs(long ms) {
        return "PT" + plain(BigDecimal.valueOf(Math.max(0, ms), 3)) + "S";
    }

    /** Samples at 8 kHz: exact, at most 6 decimals. */
    public static String formatSamples(long samples) {
        return "PT" + plain(BigDecimal.valueOf(Math.max(0, samples)).divide(BigDecimal.valueOf(SAMPLE_RATE))) + "S";
    }

    /** The nearest whole number of 8 kHz samples. */
    static long toSamples(Duration d) {
        return Math.round(d.getSeconds() * (double) SAMPLE_RATE + d.getNano() * (SAMPLE_RATE / 1e9));
    }

    private static String plain(BigDecimal seconds) {
        BigDecimal s = seconds.stripTrailingZeros();
        return s.signum() == 0 ? "0" : s.toPlainString();
    }
}
