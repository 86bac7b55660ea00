package io.callsight.nlp.rules;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DoubleMetaphoneTest {
    private final DoubleMetaphone dm4 = new DoubleMetaphone(4);

    // Reference values from Philips' paper / commons-codec test suite.
    @ParameterizedTest(name = "{0} → {1}/{2}")
    @CsvSource({
            "Smith,SM0,XMT", "Schmidt,XMT,SMT", "Thompson,TMPS,TMPS", "Knight,NT,NT", "Xavier,SF,SFR",
            "Caesar,SSR,SSR", "Michael,MKL,MXL", "Jose,HS,HS", "Thumb,0M,TM", "laugh,LF,LF", "Nova,NF,NF",
            "telecom,TLKM,TLKM", "cough,KF,KF", "Edgar,ATKR,ATKR", "Gnome,NM,NM", "Wright,RT,RT",
    })
    void knownKeys(String word, String primary, String alternate) {
        DoubleMetaphone.Keys k = dm4.encode(word);
        assertEquals(primary, k.primary(), word);
        assertEquals(alternate, k.alternate(), word);
    }

    @Test
    void emptyAndNonLetters() {
        assertEquals("", dm4.primary(""));
        assertEquals("", dm4.primary("123"));
        assertTrue(dm4.encode("Smith").matches(dm4.encode("Smyth")));
        assertFalse(dm4.encode("Smith").matches(dm4.encode("Jones")));
    }

    /** Cross-check against commons-codec when it happens to be on the test classpath (it comes in via DJL). */
    @Test
    void agreesWithCommonsCodec() throws Exception {
        Class<?> cls;
        try {
            cls = Class.forName("org.apache.commons.codec.language.DoubleMetaphone");
        } catch (ClassNotFoundException e) {
            Assumptions.abort("commons-codec not on the test classpath");
            return;
        }
        Object codec = cls.getConstructor().newInstance();
        cls.getMethod("setMaxCodeLen", int.class).invoke(codec, 8);
        Method enc = cls.getMethod("doubleMetaphone", String.class, boolean.class);
        DoubleMetaphone mine = new DoubleMetaphone(8);
        String words = "the quick brown fox jumps over lazy dog nova telecom xfinity verizon comcast account balance "
                + "cancel refund charge manager supervisor complaint terrible awful frustrated angry happy thank "
                + "you welcome calling recorded quality training purposes guarantee promise lawsuit attorney "
                + "Schmidt Smith Thompson Caesar Michael Jose Thumb laugh Edgar Gnome Wright Xavier Zhang Chiara "
                + "bacci bertucci mcclellan accident succeed edge judge jalapeno hochmeier island sugar schenker "
                + "school schooner tagliaro biaggi gallegos campbell raspberry wachtler wewitz filipowicz "
                + "knight ghislane hugh tough broughton czerny focaccia mcgregor orchestra architect orchid "
                + "chemistry chorus character church cherry danger ranger manger rogier roger sian tichner "
                + "thomas smythe arnoff resnais artois womo tsjzhang cabrillo gallegos zhao zeal zzzzz";
        List<String> diffs = new ArrayList<>();
        for (String w : words.split("\\s+")) {
            String p = ((String) enc.invoke(codec, w, false)).replace(" ", "");
            String a = ((String) enc.invoke(codec, w, true)).replace(" ", "");
            DoubleMetaphone.Keys k = mine.encode(w);
            if (!p.equals(k.primary()) || !a.equals(k.alternate())) {
                diffs.add(w + ": codec " + p + "/" + a + " mine " + k.primary() + "/" + k.alternate());
            }
        }
        assertEquals(List.of(), diffs);
    }
}
