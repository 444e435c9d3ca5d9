package org.conflictledger.domain.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalisation for identity comparisons (docs/figures.md): Unicode NFKC, case-folded,
 * diacritics removed, runs of white space collapsed. Used for source identity, place names and
 * actor names; never for what is stored or shown.
 */
public final class Normalize {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Unicode white space (line/paragraph separators, NEL, Ogham space...), not only ASCII's. */
    private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private Normalize() {
    }

    public static String name(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD);
        n = MARKS.matcher(n).replaceAll("");
        n = Normalizer.normalize(n, Normalizer.Form.NFKC);
        // Case folding: lower then upper-lower round trip catches e.g. final sigma and German sharp s.
        n = n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return SPACE.matcher(n).replaceAll(" ").strip();
    }
}
