package io.callsight.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneticKeysTest {
    private final PhoneticKeys four = new PhoneticKeys(4);

    // Reference values from Philips' paper and the commons-codec test suite: the keys the phrase matcher was tuned on.
    @ParameterizedTest(name = "{0} → {1}/{2}")
    @CsvSource({
            "Smith,SM0,XMT", "Schmidt,XMT,SMT", "Thompson,TMPS,TMPS", "Knight,NT,NT", "Xavier,SF,SFR",
            "Caesar,SSR,SSR", "Michael,MKL,MXL", "Jose,HS,HS", "Thumb,0M,TM", "laugh,LF,LF", "Nova,NF,NF",
            "telecom,TLKM,TLKM", "cough,KF,KF", "Edgar,ATKR,ATKR", "Gnome,NM,NM", "Wright,RT,RT",
    })
    void knownKeys(String word, String primary, String alternate) {
        PhoneticKeys.Keys k = four.encode(word);
        assertEquals(primary, k.primary(), word);
        assertEquals(alternate, k.alternate(), word);
    }

    @Test
    void emptyAndNonLettersHaveNoKeysAndVariantSpellingsMatch() {
        assertEquals("", four.primary(""));
        assertEquals("", four.primary("123"));
        assertTrue(four.encode("Smith").matches(four.encode("Smyth")));
        assertFalse(four.encode("Smith").matches(four.encode("Jones")));
        assertEquals("TLKMNKT", new PhoneticKeys(12).primary("telecommunicate").substring(0, 7), "longer keys when asked");
    }
}
