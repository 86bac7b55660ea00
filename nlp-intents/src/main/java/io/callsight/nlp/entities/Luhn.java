package io.callsight.nlp.entities;

/** Luhn (mod 10) check used by every payment card number. */
public final class Luhn {
    private Luhn() {}

    public static boolean valid(String digits) {
        if (digits == null || digits.isEmpty()) return false;
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return false;
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** 13–19 digits passing Luhn: the ISO/IEC 7812 card number lengths. */
    public static boolean isCardNumber(String digits) {
        return digits != null && digits.length() >= 13 && digits.length() <= 19 && valid(digits);
    }
}
