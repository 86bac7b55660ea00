package io.callsight.dialog.slots;

import io.callsight.nlp.text.Normalizer;
import io.callsight.nlp.text.Token;
import java.math.BigDecimal;

/** A quantity ("twenty five", "3.5", "two hundred and ten"): the first number of the turn, within min..max. */
final class NumberParser implements SlotParser {
    private final Normalizer normalizer = new Normalizer();

    @Override
    public SlotResult fromSpeech(String text, SlotSpec spec) {
        for (Token t : normalizer.tokens(text)) {
            if (!t.number()) continue;
            String plain = t.text().replace(",", "");
            if (plain.matches("\\d+(\\.\\d+)?")) return checked(new BigDecimal(plain), spec);
        }
        return SlotResult.absent();
    }

    @Override
    public SlotResult fromKeys(String keys, SlotSpec spec) {
        if (!keys.matches("\\d+")) return SlotResult.invalid("keys other than digits: " + keys);
        return checked(new BigDecimal(keys), spec);
    }

    private static SlotResult checked(BigDecimal v, SlotSpec spec) {
        if (spec.min() != null && v.compareTo(spec.min()) < 0) {
            return SlotResult.invalid(v.toPlainString() + " is below " + spec.min().toPlainString());
        }
        if (spec.max() != null && v.compareTo(spec.max()) > 0) {
            return SlotResult.invalid(v.toPlainString() + " is above " + spec.max().toPlainString());
        }
        String plain = v.stripTrailingZeros().toPlainString();
        return SlotResult.filled(new SlotValue(SlotType.NUMBER, plain, plain));
    }
}
