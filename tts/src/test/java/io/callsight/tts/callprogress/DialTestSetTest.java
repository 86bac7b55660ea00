package io.callsight.tts.callprogress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.callprogress.DialStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DialTestSetTest {
    private static final List<Double> SNRS = List.of(30.0, 20.0, 10.0);

    private static List<DialCase> generate(int cases, long seed, boolean hard) {
        return new DialTestSet(new SpeechLikeSynthesizer()).generate(new DialTestSet.Options(cases, seed, SNRS, 30_000, hard),
                s -> { });
    }

    private static List<DialCase> sixty;

    @BeforeAll
    static void generateOnce() {
        sixty = generate(60, 7, true);
    }

    @Test
    void everyKindOfCallIsThereInItsShare() {
        // the benchmark's default of 240: 25 % each live and voicemail, 10 % each busy, SIT and fax, 8 % ringing out
        // and 12 % answered silence, what rounding leaves to the live answers
        assertArrayEquals(new int[] {61, 60, 24, 24, 24, 19, 28}, DialTestSet.counts(240));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, DialTestSet.counts(7));
        List<DialCase> main = sixty.stream().filter(c -> !c.hard()).toList();
        assertEquals(60, main.size());
        Map<DialStatus, Long> byStatus = main.stream().collect(Collectors.groupingBy(DialCase::expected, Collectors.counting()));
        assertEquals(16, byStatus.get(DialStatus.ANSWERED_HUMAN));
        assertEquals(15, byStatus.get(DialStatus.ANSWERED_MACHINE));
        assertEquals(6, byStatus.get(DialStatus.BUSY));
        assertEquals(6, byStatus.get(DialStatus.SIT));
        assertEquals(6, byStatus.get(DialStatus.FAX));
        assertEquals(4 + 7, byStatus.get(DialStatus.NO_ANSWER));
        for (double snr : SNRS) {
            assertTrue(main.stream().filter(c -> c.snrDb() == snr).count() >= 19, "SNR " + snr);
        }
    }

    @Test
    void theSameSeedGivesTheSameCallsAndAnotherSeedOthers() {
        List<DialCase> a = generate(14, 42, true);
        List<DialCase> b = generate(14, 42, true);
        List<DialCase> c = generate(14, 43, true);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).description(), b.get(i).description());
            assertArrayEquals(a.get(i).audio(), b.get(i).audio(), a.get(i).id());
        }
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).description().equals(c.get(i).description()) ? 1 : 0;
        }
        assertTrue(same < a.size() / 2, same + " of " + a.size() + " calls identical across seeds");
    }

    @Test
    void timesAreConsistentWithTheAudio() {
        for (DialCase c : sixty) {
            assertTrue(c.onsetMs() >= 0 && c.onsetMs() < c.durationMs(), c.id() + " onset " + c.onsetMs());
            boolean answered = c.expected() == DialStatus.ANSWERED_HUMAN || c.expected() == DialStatus.ANSWERED_MACHINE
                    || c.expected() == DialStatus.FAX;
            if (answered) {
                assertEquals(c.answeredAtMs(), c.onsetMs(), c.id());
                // a decision within 5 s of the answer must be possible within the audio
                assertTrue(c.durationMs() >= c.answeredAtMs() + 5000, c.id() + " too short");
            }
            if (c.expected() == DialStatus.ANSWERED_MACHINE && c.beepEndMs() >= 0 && c.greetingEndMs() >= 0) {
                assertTrue(c.beepEndMs() > c.greetingEndMs() + 200, c.id());
            }
            if (c.expected() == DialStatus.BUSY || c.expected() == DialStatus.SIT) {
                assertEquals(-1, c.answeredAtMs(), c.id());
                assertFalse(c.ringback(), c.id());
                // the tone begins at the onset: the line is louder there than just before
                if (c.onsetMs() >= 100) {
                    assertTrue(rms(c.audio(), c.onsetMs() + 5, 40) > 2 * rms(c.audio(), c.onsetMs() - 100, 80),
                            c.id() + " " + c.description());
                }
            }
        }
    }

    @Test
    void hardCasesAreMarkedAndComeLast() {
        List<DialCase> hard = sixty.stream().filter(DialCase::hard).toList();
        assertEquals(5, hard.size()); // one per 12 main cases, at least 4
        assertEquals(sixty.subList(60, 65), hard);
    }

    @Test
    void audibleTrimsAQuietTailButKeepsTheSpeech() {
        short[] x = new short[8000];
        for (int i = 800; i < 4000; i++) {
            x[i] = (short) (8000 * Math.sin(i * 0.3));
        }
        for (int i = 4000; i < 8000; i++) {
            x[i] = (short) (50 * Math.sin(i * 0.3)); // 44 dB down: breath
        }
        short[] cut = DialTestSet.audible(x);
        assertEquals(4000 - 800 + 2 * 160, cut.length, 80);
    }

    private static double rms(short[] x, long fromMs, int ms) {
        int from = (int) (fromMs * 8);
        int n = Math.min(ms * 8, x.length - from);
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / Math.max(1, n));
    }
}
