package io.callsight.nlp.rules;

import java.util.Locale;

/**
 * Lawrence Philips' Double Metaphone (2000): a primary and an alternate phonetic key per English word, robust to
 * the spelling variants speech recognizers produce ("Smith"/"Smyth", "Nova"/"Knova"). Written here rather than
 * taken from commons-codec, which nlp-intents only gets transitively through DJL; the test suite cross-checks the
 * two on a word list. Keys are capped at {@code maxLength} (4 in the original; we default to 8 because phrase
 * matching concatenates word keys and long product names need more than 4 sounds).
 */
public final class DoubleMetaphone {
    private static final String VOWELS = "AEIOUY";
    private static final String[] SILENT_START = {"GN", "KN", "PN", "WR", "PS"};
    private static final String[] L_R_N_M_B_H_F_V_W_SPACE = {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "};
    private static final String[] ES_EP_EB_EL_EY_IB_IL_IN_IE_EI_ER = {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"};
    private static final String[] L_T_K_S_N_M_B_Z = {"L", "T", "K", "S", "N", "M", "B", "Z"};

    private final int maxLength;

    public DoubleMetaphone() {
        this(8);
    }

    public DoubleMetaphone(int maxLength) {
        this.maxLength = maxLength;
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
        String value = clean(word);
        if (value == null) return new Keys("", "");
        boolean slavoGermanic = value.contains("W") || value.contains("K") || value.contains("CZ") || value.contains("WITZ");
        Result r = new Result(maxLength);
        int index = 0;
        for (String s : SILENT_START) {
            if (value.startsWith(s)) {
                index = 1;
                break;
            }
        }
        if (value.charAt(0) == 'X') { // Xavier
            r.append('S');
            index = 1;
        }
        while (!r.complete() && index <= value.length() - 1) {
            char c = value.charAt(index);
            switch (c) {
                case 'A', 'E', 'I', 'O', 'U', 'Y' -> index = vowel(r, index);
                case 'B' -> {
                    r.append('P');
                    index = charAt(value, index + 1) == 'B' ? index + 2 : index + 1;
                }
                case '\u00C7' -> { // Ç
                    r.append('S');
                    index++;
                }
                case 'C' -> index = handleC(value, r, index);
                case 'D' -> index = handleD(value, r, index);
                case 'F' -> {
                    r.append('F');
                    index = charAt(value, index + 1) == 'F' ? index + 2 : index + 1;
                }
                case 'G' -> index = handleG(value, r, index, slavoGermanic);
                case 'H' -> index = handleH(value, r, index);
                case 'J' -> index = handleJ(value, r, index, slavoGermanic);
                case 'K' -> {
                    r.append('K');
                    index = charAt(value, index + 1) == 'K' ? index + 2 : index + 1;
                }
                case 'L' -> index = handleL(value, r, index);
                case 'M' -> {
                    r.append('M');
                    index = conditionM0(value, index) ? index + 2 : index + 1;
                }
                case 'N' -> {
                    r.append('N');
                    index = charAt(value, index + 1) == 'N' ? index + 2 : index + 1;
                }
                case '\u00D1' -> { // Ñ
                    index++;
                    r.append('N');
                }
                case 'P' -> index = handleP(value, r, index);
                case 'Q' -> {
                    r.append('K');
                    index = charAt(value, index + 1) == 'Q' ? index + 2 : index + 1;
                }
                case 'R' -> index = handleR(value, r, index, slavoGermanic);
                case 'S' -> index = handleS(value, r, index, slavoGermanic);
                case 'T' -> index = handleT(value, r, index);
                case 'V' -> {
                    r.append('F');
                    index = charAt(value, index + 1) == 'V' ? index + 2 : index + 1;
                }
                case 'W' -> index = handleW(value, r, index);
                case 'X' -> index = handleX(value, r, index);
                case 'Z' -> index = handleZ(value, r, index, slavoGermanic);
                default -> index++;
            }
        }
        return new Keys(r.primary.toString(), r.alternate.toString());
    }

    private static String clean(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (t.isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        for (char c : t.toUpperCase(Locale.ENGLISH).toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || c == '\u00C7' || c == '\u00D1') sb.append(c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private int vowel(Result r, int index) {
        if (index == 0) r.append('A');
        return index + 1;
    }

    private int handleC(String v, Result r, int index) {
        if (conditionC0(v, index)) { // very confusing condition
            r.append('K');
            index += 2;
        } else if (index == 0 && contains(v, index, 6, "CAESAR")) {
            r.append('S');
            index += 2;
        } else if (contains(v, index, 2, "CH")) {
            index = handleCH(v, r, index);
        } else if (contains(v, index, 2, "CZ") && !contains(v, index - 2, 4, "WICZ")) {
            r.append('S', 'X');
            index += 2;
        } else if (contains(v, index + 1, 3, "CIA")) {
            r.append('X');
            index += 3;
        } else if (contains(v, index, 2, "CC") && !(index == 1 && charAt(v, 0) == 'M')) {
            return handleCC(v, r, index);
        } else if (contains(v, index, 2, "CK", "CG", "CQ")) {
            r.append('K');
            index += 2;
        } else if (contains(v, index, 2, "CI", "CE", "CY")) {
            if (contains(v, index, 3, "CIO", "CIE", "CIA")) r.append('S', 'X');
            else r.append('S');
            index += 2;
        } else {
            r.append('K');
            if (contains(v, index + 1, 2, " C", " Q", " G")) index += 3;
            else if (contains(v, index + 1, 1, "C", "K", "Q") && !contains(v, index + 1, 2, "CE", "CI")) index += 2;
            else index++;
        }
        return index;
    }

    private int handleCC(String v, Result r, int index) {
        if (contains(v, index + 2, 1, "I", "E", "H") && !contains(v, index + 2, 2, "HU")) {
            if ((index == 1 && charAt(v, index - 1) == 'A') || contains(v, index - 1, 5, "UCCEE", "UCCES")) {
                r.append("KS"); // bacci, bertucci
            } else {
                r.append('X');
            }
            index += 3;
        } else {
            r.append('K');
            index += 2;
        }
        return index;
    }

    private int handleCH(String v, Result r, int index) {
        if (index > 0 && contains(v, index, 4, "CHAE")) { // Michael
            r.append('K', 'X');
            return index + 2;
        } else if (conditionCH0(v, index)) {
            r.append('K');
            return index + 2;
        } else if (conditionCH1(v, index)) {
            r.append('K');
            return index + 2;
        } else {
            if (index > 0) {
                if (contains(v, 0, 2, "MC")) r.append('K');
                else r.append('X', 'K');
            } else {
                r.append('X');
            }
            return index + 2;
        }
    }

    private int handleD(String v, Result r, int index) {
        if (contains(v, index, 2, "DG")) {
            if (contains(v, index + 2, 1, "I", "E", "Y")) { // edge
                r.append('J');
                index += 3;
            } else { // Edgar
                r.append("TK");
                index += 2;
            }
        } else if (contains(v, index, 2, "DT", "DD")) {
            r.append('T');
            index += 2;
        } else {
            r.append('T');
            index++;
        }
        return index;
    }

    private int handleG(String v, Result r, int index, boolean slavoGermanic) {
        if (charAt(v, index + 1) == 'H') {
            index = handleGH(v, r, index);
        } else if (charAt(v, index + 1) == 'N') {
            if (index == 1 && isVowel(charAt(v, 0)) && !slavoGermanic) {
                r.append("KN", "N");
            } else if (!contains(v, index + 2, 2, "EY") && charAt(v, index + 1) != 'Y' && !slavoGermanic) {
                r.append("N", "KN");
            } else {
                r.append("KN");
            }
            index += 2;
        } else if (contains(v, index + 1, 2, "LI") && !slavoGermanic) {
            r.append("KL", "L");
            index += 2;
        } else if (index == 0 && (charAt(v, index + 1) == 'Y' || contains(v, index + 1, 2, ES_EP_EB_EL_EY_IB_IL_IN_IE_EI_ER))) {
            r.append('K', 'J');
            index += 2;
        } else if ((contains(v, index + 1, 2, "ER") || charAt(v, index + 1) == 'Y')
                && !contains(v, 0, 6, "DANGER", "RANGER", "MANGER")
                && !contains(v, index - 1, 1, "E", "I") && !contains(v, index - 1, 3, "RGY", "OGY")) {
            r.append('K', 'J');
            index += 2;
        } else if (contains(v, index + 1, 1, "E", "I", "Y") || contains(v, index - 1, 4, "AGGI", "OGGI")) {
            if (contains(v, 0, 4, "VAN ", "VON ") || contains(v, 0, 3, "SCH") || contains(v, index + 1, 2, "ET")) {
                r.append('K');
            } else if (contains(v, index + 1, 3, "IER")) {
                r.append('J');
            } else {
                r.append('J', 'K');
            }
            index += 2;
        } else if (charAt(v, index + 1) == 'G') {
            index += 2;
            r.append('K');
        } else {
            index++;
            r.append('K');
        }
        return index;
    }

    private int handleGH(String v, Result r, int index) {
        if (index > 0 && !isVowel(charAt(v, index - 1))) {
            r.append('K');
            index += 2;
        } else if (index == 0) {
            if (charAt(v, index + 2) == 'I') r.append('J');
            else r.append('K');
            index += 2;
        } else if ((index > 1 && contains(v, index - 2, 1, "B", "H", "D"))
                || (index > 2 && contains(v, index - 3, 1, "B", "H", "D"))
                || (index > 3 && contains(v, index - 4, 1, "B", "H"))) {
            index += 2; // Hugh, bough, broughton
        } else {
            if (index > 2 && charAt(v, index - 1) == 'U' && contains(v, index - 3, 1, "C", "G", "L", "R", "T")) {
                r.append('F'); // laugh, tough
            } else if (index > 0 && charAt(v, index - 1) != 'I') {
                r.append('K');
            }
            index += 2;
        }
        return index;
    }

    private int handleH(String v, Result r, int index) {
        if ((index == 0 || isVowel(charAt(v, index - 1))) && isVowel(charAt(v, index + 1))) {
            r.append('H');
            index += 2;
        } else {
            index++;
        }
        return index;
    }

    private int handleJ(String v, Result r, int index, boolean slavoGermanic) {
        if (contains(v, index, 4, "JOSE") || contains(v, 0, 4, "SAN ")) {
            if ((index == 0 && charAt(v, index + 4) == ' ') || v.length() == 4 || contains(v, 0, 4, "SAN ")) {
                r.append('H');
            } else {
                r.append('J', 'H');
            }
            index++;
        } else {
            if (index == 0 && !contains(v, index, 4, "JOSE")) {
                r.append('J', 'A');
            } else if (isVowel(charAt(v, index - 1)) && !slavoGermanic && (charAt(v, index + 1) == 'A' || charAt(v, index + 1) == 'O')) {
                r.append('J', 'H');
            } else if (index == v.length() - 1) {
                r.append('J', ' ');
            } else if (!contains(v, index + 1, 1, L_T_K_S_N_M_B_Z) && !contains(v, index - 1, 1, "S", "K", "L")) {
                r.append('J');
            }
            index = charAt(v, index + 1) == 'J' ? index + 2 : index + 1;
        }
        return index;
    }

    private int handleL(String v, Result r, int index) {
        if (charAt(v, index + 1) == 'L') {
            if (conditionL0(v, index)) r.appendPrimary('L');
            else r.append('L');
            index += 2;
        } else {
            index++;
            r.append('L');
        }
        return index;
    }

    private int handleP(String v, Result r, int index) {
        if (charAt(v, index + 1) == 'H') {
            r.append('F');
            index += 2;
        } else {
            r.append('P');
            index = contains(v, index + 1, 1, "P", "B") ? index + 2 : index + 1;
        }
        return index;
    }

    private int handleR(String v, Result r, int index, boolean slavoGermanic) {
        if (index == v.length() - 1 && !slavoGermanic && contains(v, index - 2, 2, "IE")
                && !contains(v, index - 4, 2, "ME", "MA")) {
            r.appendAlternate('R');
        } else {
            r.append('R');
        }
        return charAt(v, index + 1) == 'R' ? index + 2 : index + 1;
    }

    private int handleS(String v, Result r, int index, boolean slavoGermanic) {
        if (contains(v, index - 1, 3, "ISL", "YSL")) {
            index++; // island, isle
        } else if (index == 0 && contains(v, index, 5, "SUGAR")) {
            r.append('X', 'S');
            index++;
        } else if (contains(v, index, 2, "SH")) {
            if (contains(v, index + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ")) r.append('S');
            else r.append('X');
            index += 2;
        } else if (contains(v, index, 3, "SIO", "SIA") || contains(v, index, 4, "SIAN")) {
            if (slavoGermanic) r.append('S');
            else r.append('S', 'X');
            index += 3;
        } else if ((index == 0 && contains(v, index + 1, 1, "M", "N", "L", "W")) || contains(v, index + 1, 1, "Z")) {
            r.append('S', 'X');
            index = contains(v, index + 1, 1, "Z") ? index + 2 : index + 1;
        } else if (contains(v, index, 2, "SC")) {
            index = handleSC(v, r, index);
        } else {
            if (index == v.length() - 1 && contains(v, index - 2, 2, "AI", "OI")) {
                r.appendAlternate('S'); // French: resnais, artois
            } else {
                r.append('S');
            }
            index = contains(v, index + 1, 1, "S", "Z") ? index + 2 : index + 1;
        }
        return index;
    }

    private int handleSC(String v, Result r, int index) {
        if (charAt(v, index + 2) == 'H') {
            if (contains(v, index + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM")) {
                if (contains(v, index + 3, 2, "ER", "EN")) r.append("X", "SK");
                else r.append("SK");
            } else {
                if (index == 0 && !isVowel(charAt(v, 3)) && charAt(v, 3) != 'W') r.append('X', 'S');
                else r.append('X');
            }
        } else if (contains(v, index + 2, 1, "I", "E", "Y")) {
            r.append('S');
        } else {
            r.append("SK");
        }
        return index + 3;
    }

    private int handleT(String v, Result r, int index) {
        if (contains(v, index, 4, "TION")) {
            r.append('X');
            index += 3;
        } else if (contains(v, index, 3, "TIA", "TCH")) {
            r.append('X');
            index += 3;
        } else if (contains(v, index, 2, "TH") || contains(v, index, 3, "TTH")) {
            if (contains(v, index + 2, 2, "OM", "AM") || contains(v, 0, 4, "VAN ", "VON ") || contains(v, 0, 3, "SCH")) {
                r.append('T');
            } else {
                r.append('0', 'T');
            }
            index += 2;
        } else {
            r.append('T');
            index = contains(v, index + 1, 1, "T", "D") ? index + 2 : index + 1;
        }
        return index;
    }

    private int handleW(String v, Result r, int index) {
        if (contains(v, index, 2, "WR")) {
            r.append('R');
            index += 2;
        } else {
            if (index == 0 && (isVowel(charAt(v, index + 1)) || contains(v, index, 2, "WH"))) {
                if (isVowel(charAt(v, index + 1))) r.append('A', 'F');
                else r.append('A');
                index++;
            } else if ((index == v.length() - 1 && isVowel(charAt(v, index - 1)))
                    || contains(v, index - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || contains(v, 0, 3, "SCH")) {
                r.appendAlternate('F');
                index++;
            } else if (contains(v, index, 4, "WICZ", "WITZ")) {
                r.append("TS", "FX");
                index += 4;
            } else {
                index++;
            }
        }
        return index;
    }

    private int handleX(String v, Result r, int index) {
        if (index == 0) {
            r.append('S');
            index++;
        } else {
            if (!((index == v.length() - 1) && (contains(v, index - 3, 3, "IAU", "EAU") || contains(v, index - 2, 2, "AU", "OU")))) {
                r.append("KS");
            }
            index = contains(v, index + 1, 1, "C", "X") ? index + 2 : index + 1;
        }
        return index;
    }

    private int handleZ(String v, Result r, int index, boolean slavoGermanic) {
        if (charAt(v, index + 1) == 'H') {
            r.append('J');
            index += 2;
        } else {
            if (contains(v, index + 1, 2, "ZO", "ZI", "ZA") || (slavoGermanic && index > 0 && charAt(v, index - 1) != 'T')) {
                r.append("S", "TS");
            } else {
                r.append('S');
            }
            index = charAt(v, index + 1) == 'Z' ? index + 2 : index + 1;
        }
        return index;
    }

    private boolean conditionC0(String v, int index) {
        if (contains(v, index, 4, "CHIA")) return true;
        if (index <= 1) return false;
        if (isVowel(charAt(v, index - 2))) return false;
        if (!contains(v, index - 1, 3, "ACH")) return false;
        char c = charAt(v, index + 2);
        return (c != 'I' && c != 'E') || contains(v, index - 2, 6, "BACHER", "MACHER");
    }

    private boolean conditionCH0(String v, int index) {
        if (index != 0) return false;
        if (!contains(v, index + 1, 5, "HARAC", "HARIS") && !contains(v, index + 1, 3, "HOR", "HYM", "HIA", "HEM")) return false;
        return !contains(v, 0, 5, "CHORE");
    }

    private boolean conditionCH1(String v, int index) {
        return contains(v, 0, 4, "VAN ", "VON ") || contains(v, 0, 3, "SCH")
                || contains(v, index - 2, 6, "ORCHES", "ARCHIT", "ORCHID")
                || contains(v, index + 2, 1, "T", "S")
                || ((contains(v, index - 1, 1, "A", "O", "U", "E") || index == 0)
                && (contains(v, index + 2, 1, L_R_N_M_B_H_F_V_W_SPACE) || index + 1 == v.length() - 1));
    }

    private boolean conditionL0(String v, int index) {
        if (index == v.length() - 3 && contains(v, index - 1, 4, "ILLO", "ILLA", "ALLE")) return true;
        return (contains(v, v.length() - 2, 2, "AS", "OS") || contains(v, v.length() - 1, 1, "A", "O"))
                && contains(v, index - 1, 4, "ALLE");
    }

    private boolean conditionM0(String v, int index) {
        if (charAt(v, index + 1) == 'M') return true;
        return contains(v, index - 1, 3, "UMB") && (index + 1 == v.length() - 1 || contains(v, index + 2, 2, "ER"));
    }

    private static boolean isVowel(char c) {
        return VOWELS.indexOf(c) >= 0;
    }

    private static char charAt(String v, int index) {
        return index < 0 || index >= v.length() ? Character.MIN_VALUE : v.charAt(index);
    }

    private static boolean contains(String v, int start, int length, String... criteria) {
        if (start < 0 || start + length > v.length()) return false;
        String target = v.substring(start, start + length);
        for (String c : criteria) if (target.equals(c)) return true;
        return false;
    }

    private static final class Result {
        final StringBuilder primary = new StringBuilder(), alternate = new StringBuilder();
        final int max;

        Result(int max) {
            this.max = max;
        }

        void append(char c) {
            appendPrimary(c);
            appendAlternate(c);
        }

        void append(char p, char a) {
            appendPrimary(p);
            appendAlternate(a);
        }

        void appendPrimary(char c) {
            if (primary.length() < max) primary.append(c);
        }

        void appendAlternate(char c) {
            if (c != ' ' && alternate.length() < max) alternate.append(c);
        }

        void append(String s) {
            appendPrimary(s);
            appendAlternate(s);
        }

        void append(String p, String a) {
            appendPrimary(p);
            appendAlternate(a);
        }

        void appendPrimary(String s) {
            int room = max - primary.length();
            primary.append(s.length() <= room ? s : s.substring(0, room));
        }

        void appendAlternate(String s) {
            int room = max - alternate.length();
            alternate.append(s.length() <= room ? s : s.substring(0, room));
        }

        boolean complete() {
            return primary.length() >= max && alternate.length() >= max;
        }
    }
}
