package org.conflictledger.domain.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/imports.md, "Gazetteer": the OCHA COD form, Syria's sample table, and name resolution. */
class GazetteerTest {

    private static Gazetteer parse(String country, String csv) throws ImportFileException {
        return Gazetteer.parse(country, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static String parseError(String country, String csv) {
        return assertThrows(ImportFileException.class, () -> parse(country, csv)).getMessage();
    }

    @Test
    void theSampleHasSyriasFourteenGovernoratesAndAleppoDistricts() {
        List<AdminUnit> units = ImportFixtures.syria().units("SYR");
        List<AdminUnit> admin1 = units.stream().filter(AdminUnit::isAdmin1).toList();
        assertEquals(14, admin1.size());
        for (int i = 1; i <= 14; i++) {
            assertEquals(String.format("SY%02d", i), admin1.get(i - 1).adm1Code());
        }
        assertEquals(List.of("Damascus", "Aleppo", "Rural Damascus", "Homs", "Hama", "Lattakia", "Idleb", "Al-Hasakeh",
                "Deir-ez-Zor", "Tartous", "Ar-Raqqa", "Dar'a", "As-Sweida", "Quneitra"),
                admin1.stream().map(AdminUnit::adm1Name).toList());
        assertEquals(List.of("حلب", "Halab"), admin1.get(1).aliases());
        List<AdminUnit> admin2 = units.stream().filter(u -> !u.isAdmin1()).toList();
        assertTrue(admin2.size() >= 5);
        assertTrue(admin2.stream().allMatch(u -> u.adm1Code().equals("SY02") && u.adm2Code().startsWith("SY02")));
        assertEquals(List.of(), ImportFixtures.syria().units("IRQ"));
        assertEquals(Set.of("SYR"), ImportFixtures.syria().countries());
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(nullValues = "-", value = {
            "Aleppo, -, SY02, -",
            "ALEPPO, -, SY02, -",
            "حلب, -, SY02, -",
            "Halab, -, SY02, -",
            "Dara, -, SY12, -",
            "Dar’a, -, SY12, -",
            "Deir ez Zor, -, SY09, -",
            "Al Hasakeh, -, SY08, -",
            "As Sweida, -, SY13, -",
            "Idlib, -, SY07, -",
            "Aleppo governorate, -, SY02, -",
            "SY06, -, SY06, -",
            "Aleppo, Afrin, SY02, SY0203",
            "Aleppo, عفرين, SY02, SY0203",
            "Aleppo, Azaz, SY02, SY0204",
            "Aleppo, Jebel Saman district, SY02, SY0200",
            "-, Menbij, SY02, SY0205",
            "Idleb, Afrin, SY07, -",
    })
    void namesResolveAfterNormalisation(String admin1, String admin2, String code1, String code2) {
        Gazetteer.Resolution r = ImportFixtures.syria().resolve("SYR", admin1, admin2);
        assertEquals(code1, r.admin1());
        assertEquals(code2, r.admin2());
    }

    @Test
    void unknownNamesKeepTheFinestLevelThatMatchedWithAWarningNamingThem() {
        Gazetteer g = ImportFixtures.syria();
        Gazetteer.Resolution r = g.resolve("SYR", "Aleppo", "Nowhere");
        assertEquals("SY02", r.admin1());
        assertEquals(List.of("admin2 'Nowhere' is not in the gazetteer under SY02 (Aleppo): the place is kept at admin1 level"),
                r.warnings());
        r = g.resolve("SYR", "Atlantis", "Afrin");
        assertEquals(new Gazetteer.Resolution(null, null, List.of(
                "admin1 'Atlantis' is not in the gazetteer of SYR: the place is kept at country level")), r);
        r = g.resolve("IRQ", "Ninewa", null);
        assertEquals(List.of("the gazetteer has no admin units for IRQ: 'Ninewa' is kept at country level"), r.warnings());
        assertEquals(new Gazetteer.Resolution(null, null, List.of()), g.resolve("SYR", " ", null));
        assertEquals(new Gazetteer.Resolution(null, null, List.of("the gazetteer has no admin units for SYR: 'Aleppo'"
                + " is kept at country level")), Gazetteer.empty().resolve("SYR", "Aleppo", null));
    }

    @Test
    void anAmbiguousNameIsNotGuessed() throws Exception {
        Gazetteer g = parse("SYR", "#adm1+code,#adm1+name,#adm1+name+alt\nSY01,North,Twin\nSY02,South,Twin\n");
        Gazetteer.Resolution r = g.resolve("SYR", "twin", null);
        assertEquals(null, r.admin1());
        assertTrue(r.warnings().get(0).contains("names several units"), r.warnings()::toString);
    }

    /** OCHA's own files: a title row above the hashtags, language-tagged names (+i_en primary, +i_ar alias). */
    @Test
    void ochaLanguageTaggedColumns() throws Exception {
        Gazetteer g = parse("SYR", "Admin 1 of Syria,,,\nadmin1Name_en,admin1Name_ar,admin1Pcode,ADM0_PCODE\n"
                + "#adm1+name+i_en,#adm1+name+i_ar,#adm1+code,#country+code\nAleppo,حلب,SY02,SY\n");
        assertEquals(List.of(new AdminUnit("SYR", "SY02", "Aleppo", null, null, List.of("حلب"))), g.units("SYR"));
    }

    @Test
    void writtenBackItParsesToTheSameUnits() throws Exception {
        Gazetteer g = ImportFixtures.syria();
        assertEquals(g.units("SYR"), parse("SYR", g.toCsv("SYR")).units("SYR"));
    }

    @Test
    void badGazetteersAreRejectedWhole() {
        assertEquals("'XXX' is not an ISO 3166-1 alpha-3 country code", parseError("XXX", "#adm1+code,#adm1+name\n"));
        assertTrue(parseError("SYR", "code,name\nSY01,Damascus\n").startsWith("the gazetteer has no HXL hashtag row"));
        assertEquals("the gazetteer has no #adm1+name column", parseError("SYR", "#adm1+code\nSY01\n"));
        assertEquals("data row 1 of the gazetteer: #adm1+code 'IQ01' is not a p-code of SYR (it starts with 'SY',"
                + " then capital letters or digits)", parseError("SYR", "#adm1+code,#adm1+name\nIQ01,Baghdad\n"));
        assertEquals("data row 2 of the gazetteer: #adm2+code 'SY0300' must start with its admin1's p-code 'SY02' and be"
                + " longer", parseError("SYR", "#adm1+code,#adm1+name,#adm2+code,#adm2+name\nSY02,Aleppo,SY0200,Jebel Saman\n"
                + "SY02,Aleppo,SY0300,Elsewhere\n"));
        assertEquals("data row 2 of the gazetteer: admin1 SY02 is named both 'Aleppo' and 'Halab'",
                parseError("SYR", "#adm1+code,#adm1+name\nSY02,Aleppo\nSY02,Halab\n"));
        assertEquals("data row 1 of the gazetteer: #country+code 'IQ' is not SYR",
                parseError("SYR", "#country+code,#adm1+code,#adm1+name\nIQ,SY01,Damascus\n"));
        assertEquals("the gazetteer has no admin units", parseError("SYR", "#adm1+code,#adm1+name\n"));
        assertTrue(parseError("SYR", "#adm1+code,#adm1+name\nSY01,Dama\u0000scus\n\"SY02,Aleppo\n").contains("quoted"));
    }
}
