package org.accord.bank;

import java.text.Normalizer;
import java.util.Locale;

/** How two pieces of text are compared: case, accents, punctuation and runs of spaces do not matter. */
public final class Texts {

    private Texts() {
    }

    public static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        // Dots and apostrophes join ("D.C." is "DC", "O'Brien" is "OBrien"); other punctuation separates words.
        String joined = decomposed.replaceAll("[.'\u2019]", "");
        return joined.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
