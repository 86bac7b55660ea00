package io.callsight.ingest.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** AudioHook durations (spec §4.2): {@code PT<seconds>S}, a plain decimal, never exponent notation. */
final class StreamDuration {
    private static final Pattern FORMAT = Pattern.compile("^PT(\\d*)(?:\\.(\\d+))?S$");
    private static final BigDecimal RATE = BigDecimal.valueOf(8000);

    private StreamDuration() {
    }

    /** 8 kHz sample counts are exact with at most six decimals. */
    static String ofSamples(long samples) {
        return "PT" + BigDecimal.valueOf(samples).divide(RATE).stripTrailingZeros().toPlainString() + "S";
    }

    static String of(Duration d) {
        return "PT" + BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9)).stripTrailingZeros()
                .toPlainString() + "S";
    }

    /** Accepts {@code PT.5S} (which {@link Duration#parse} does not), keeps nanoseconds. */
    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2) == null)) {
            throw new IllegalArgumentException("not an AudioHook duration (PT<seconds>S): " + text);
        }
        long seconds = m.group(1).isEmpty() ? 0 : Long.parseLong(m.group(1));
        String fraction = m.group(2) == null ? "" : m.group(2);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return Duration.ofSeconds(seconds, nanos);
    }
}
