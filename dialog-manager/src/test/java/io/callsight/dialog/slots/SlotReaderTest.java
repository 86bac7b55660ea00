package io.callsight.dialog.slots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.dialog.testing.TestFlows;
import java.math.BigDecimal;
import java.time.LocalTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlotReaderTest {
    private final SlotReader reader = new SlotReader(TestFlows.CLOCK);

    private String spoken(SlotSpec spec, String text) {
        SlotResult r = reader.fromSpeech(spec, text);
        assertTrue(r.isFilled(), () -> "'" + text + "' should fill " + spec.type() + ", got " + r);
        return r.value().value();
    }

    private String keyed(SlotSpec spec, String keys) {
        SlotResult r = reader.fromKeys(spec, keys);
        assertTrue(r.isFilled(), () -> "keys " + keys + " should fill " + spec.type() + ", got " + r);
        return r.value().value();
    }

    @Nested
    class Digits {
        private final SlotSpec pin = SlotSpec.of("pin", SlotType.DIGITS).withLength(4);

        @Test
        void readOutDigitsInAnyForm() {
            assertEquals("4567", spoken(pin, "four five six seven"));
            assertEquals("2245", spoken(pin, "double two four five"));
            assertEquals("5055", spoken(pin, "it's five oh five five"));
            assertEquals("4567", spoken(pin, "45 67"));
            assertEquals("1234", spoken(pin, "my pin is one two three four"));
        }

        @Test
        void keyedDigits() {
            assertEquals("0042", keyed(pin, "0042"));
        }

        @Test
        void spokenBackOneByOne() {
            assertEquals("4 5 6 7", reader.fromSpeech(pin, "four five six seven").value().spoken());
        }

        @Test
        void wrongLengthIsInvalidNotAbsent() {
            SlotResult r = reader.fromSpeech(pin, "four five six");
            assertTrue(r.isInvalid());
            assertEquals("3 digits where 4 are needed", r.problem());
            assertTrue(reader.fromKeys(pin, "12345").isInvalid());
        }

        @Test
        void noDigitsAtAllIsAbsent() {
            SlotResult r = reader.fromSpeech(pin, "I don't remember it");
            assertFalse(r.isFilled());
            assertFalse(r.isInvalid());
        }

        @Test
        void lengthRange() {
            SlotSpec range = new SlotSpec("pin", SlotType.DIGITS, null, 4, 6, null, null, DateRange.ANY, null, null, false, 0);
            assertEquals("12345", spoken(range, "one two three four five"));
            assertTrue(reader.fromSpeech(range, "one two three").isInvalid());
            assertTrue(reader.fromSpeech(range, "one two three four five six seven").isInvalid());
        }
    }

    @Nested
    class Numbers {
        private final SlotSpec amount = SlotSpec.of("amount", SlotType.NUMBER).withBounds(BigDecimal.ONE, new BigDecimal("500"));

        @Test
        void spokenAndWrittenNumbers() {
            assertEquals("25", spoken(amount, "twenty five please"));
            assertEquals("210", spoken(amount, "two hundred and ten"));
            assertEquals("3.5", spoken(amount, "3.5"));
            assertEquals("40", keyed(amount, "40"));
        }

        @Test
        void outsideTheBoundsIsInvalid() {
            assertEquals("600 is above 500", reader.fromSpeech(amount, "six hundred").problem());
            assertTrue(reader.fromSpeech(amount, "zero").isInvalid());
            assertFalse(reader.fromSpeech(amount, "a lot").isFilled());
        }
    }

    @Nested
    class Dates {
        private final SlotSpec birth = SlotSpec.of("dob", SlotType.DATE).withRange(DateRange.PAST);
        private final SlotSpec visit = SlotSpec.of("day", SlotType.DATE).withRange(DateRange.FUTURE);

        @Test
        void dateOfBirthInTheWaysCallersSayIt() {
            assertEquals("1985-03-04", spoken(birth, "march fourth nineteen eighty five"));
            assertEquals("1985-03-04", spoken(birth, "the fourth of march nineteen eighty five"));
            assertEquals("1985-03-04", spoken(birth, "03/04/1985"));
            assertEquals("1985-03-04", keyed(birth, "03041985"));
        }

        @Test
        void spokenBackAsWords() {
            assertEquals("March 4, 1985", reader.fromSpeech(birth, "march fourth nineteen eighty five").value().spoken());
        }

        @Test
        void aBirthDateNeedsItsYearAndMustBePast() {
            assertEquals("no year given", reader.fromSpeech(birth, "march fourth").problem());
            assertTrue(reader.fromSpeech(birth, "tomorrow").isInvalid());
            assertTrue(reader.fromKeys(birth, "13401985").isInvalid());
        }

        @Test
        void relativeAndYearlessFutureDates() {
            assertEquals("2025-06-03", spoken(visit, "tomorrow"));
            assertEquals("2025-06-03", spoken(visit, "next tuesday")); // the coming one, as the entity extractor reads it
            assertEquals("2025-06-06", spoken(visit, "friday"));
            assertEquals("2025-06-12", spoken(visit, "the twelfth of june"));
            // already past this year: next year's
            assertEquals("2026-03-04", spoken(visit, "march fourth"));
            assertTrue(reader.fromSpeech(visit, "yesterday").isInvalid());
        }
    }

    @Nested
    class Times {
        private final SlotSpec office = SlotSpec.of("time", SlotType.TIME).withWindow(LocalTime.of(9, 0), LocalTime.of(17, 0));

        @Test
        void spokenTimes() {
            assertEquals("15:30", spoken(office, "three thirty pm"));
            assertEquals("10:00", spoken(office, "10 am"));
            assertEquals("12:00", spoken(office, "around noon"));
            assertEquals("14:30", spoken(office, "14:30"));
            assertEquals("09:15", keyed(office, "0915"));
        }

        @Test
        void withoutAmOrPmTheReadingInsideTheWindowWins() {
            assertEquals("15:00", spoken(office, "at three"));
            assertEquals("10:00", spoken(office, "at ten"));
        }

        @Test
        void outsideTheWindowIsInvalid() {
            assertTrue(reader.fromSpeech(office, "seven pm").isInvalid());
            assertTrue(reader.fromSpeech(office, "at three am").isInvalid());
            assertTrue(reader.fromKeys(office, "2560").isInvalid());
        }

        @Test
        void spokenBackWithAmPm() {
            assertEquals("3:30 PM", reader.fromSpeech(office, "three thirty pm").value().spoken());
        }
    }

    @Nested
    class YesNo {
        private final SlotSpec yn = SlotSpec.of("ok", SlotType.YES_NO);

        @Test
        void agreementAndRefusal() {
            assertEquals("yes", spoken(yn, "yes please"));
            assertEquals("yes", spoken(yn, "Yeah, that's right."));
            assertEquals("no", spoken(yn, "nope"));
            assertEquals("no", spoken(yn, "no it isn't"));
        }

        @Test
        void negatedAgreementIsNo() {
            assertEquals("no", spoken(yn, "that's not right"));
            assertEquals("no", spoken(yn, "not correct"));
        }

        @Test
        void mixedOrNoAnswerIsNotGuessed() {
            assertTrue(reader.fromSpeech(yn, "yes no").isInvalid());
            assertFalse(reader.fromSpeech(yn, "I don't know").isFilled());
            assertFalse(reader.fromSpeech(yn, "hmm").isFilled());
        }

        @Test
        void keysOneAndTwo() {
            assertEquals("yes", keyed(yn, "1"));
            assertEquals("no", keyed(yn, "2"));
            assertTrue(reader.fromKeys(yn, "5").isInvalid());
        }
    }
}
