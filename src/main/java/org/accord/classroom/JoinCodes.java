package org.accord.classroom;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Join codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * ABCD-EFGH. 30^8 is about 6.6 * 10^11 codes, and guesses are rate-limited, so they cannot be found
 * by trying.
 */
public final class JoinCodes {

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ2345679";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCodes() {
    }

    public static String next() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What a student typed, in the stored form: case, spaces and the dash do not matter. */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.length() != LENGTH) {
            return compact;
        }
        return compact.substring(0, LENGTH / 2) + "-" + compact.substring(LENGTH / 2);
    }
}
