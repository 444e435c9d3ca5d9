package org.conflictledger.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizeTest {

    @Test
    void nullIsEmpty() {
        assertEquals("", Normalize.name(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Aleppo|aleppo",
            "ALEPPO|aleppo",
            "Ḥalab|halab",
            "Şêx Meqsûd|sex meqsud",
            "Straße|strasse",
            "İdlib|idlib",
            "Ｓｙｒｉａ|syria",
            "ﬁre|fire",
            "Ⅸ|ix",
            "Café|cafe"})
    void caseFoldsAndRemovesDiacriticsAndCompatibilityForms(String in, String out) {
        assertEquals(out, Normalize.name(in));
    }

    @Test
    void composedAndDecomposedFormsAreEqual() {
        assertEquals(Normalize.name("Caf\u00e9"), Normalize.name("Cafe\u0301"));
    }

    @Test
    void greekFinalSigmaFolds() {
        assertEquals(Normalize.name("ΟΔΥΣΣΕΥΣ"), Normalize.name("οδυσσευς"));
    }

    @Test
    void arabicHarakatAndHamzaSeatsAreRemoved() {
        assertEquals(Normalize.name("حلب"), Normalize.name("حَلَب"));
        assertEquals("المرصد", Normalize.name("المَرْصَد"));
        assertEquals(Normalize.name("احمد"), Normalize.name("أحمد"));
    }

    @Test
    void kurdishLettersThatAreNotDiacriticsStay() {
        assertEquals("ڕۆژاوا کوردێ", Normalize.name("ڕۆژاوا کوردێ"));
        // hamza above is a combining mark after NFKD, so the seat goes like Arabic's: ئ folds to ي
        assertEquals(Normalize.name("ي"), Normalize.name("ئ"));
        assertNotEquals(Normalize.name("ره"), Normalize.name("ڕە"));
    }

    @Test
    void whiteSpaceIsCollapsedAndTrimmed() {
        assertEquals("al bab", Normalize.name("  al \t\n bab  "));
        assertEquals("al bab", Normalize.name("al\u00A0bab"));
        assertEquals("al bab", Normalize.name("al\u2003\u3000bab"));
    }

    @Test
    void unicodeLineSeparatorsAreWhiteSpaceToo() {
        assertEquals("al bab", Normalize.name("al\u2028bab"));
        assertEquals("al bab", Normalize.name("al\u2029bab"));
        assertEquals("al bab", Normalize.name("al\u0085bab"));
        assertEquals("al bab", Normalize.name("\u2028al\u1680bab\u0085"));
    }

    @Test
    void emojiAndOtherTextPassThrough() {
        assertEquals("\uD83D\uDD25 x", Normalize.name("\uD83D\uDD25 X"));
    }
}
