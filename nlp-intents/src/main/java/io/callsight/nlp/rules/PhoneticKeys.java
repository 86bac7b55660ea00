package io.callsight.nlp.rules;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Double Metaphone keys (Lawrence Philips, 2000) of a word: a primary and an alternate phonetic key, robust to the
 * spellings speech recognizers produce ("Smith"/"Smyth", "Nova"/"Knova"). The algorithm is Apache Commons Codec's;
 * this class only fixes how it is used here: keys capped at {@code maxLength} (4 in the original; phrase matching
 * concatenates word keys and long product names need more sounds), both keys per word, "" for a word with none.
 */
public final class PhoneticKeys {
    private final DoubleMetaphone codec = new DoubleMetaphone();

    public PhoneticKeys() {
        this(8);
    }

    public PhoneticKeys(int maxLength) {
        codec.setMaxCodeLen(maxLength);
    }

    public record Keys(String primary, String alternate) {
        public boolean matches(Keys o) {
            return primary.equals(o.primary) || primary.equals(o.alternate) || alternate.equals(o.primary)
                    || alternate.equals(o.alternate);
        }
    }

    public String primary(String word) {
        return encode(word).primary();
    }

    public Keys encode(String word) {
        String primary = codec.doubleMetaphone(word, false);
        String alternate = codec.doubleMetaphone(word, true);
        return new Keys(primary == null ? "" : primary, alternate == null ? "" : alternate);
    }
}
