package org.conflictledger.domain.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISO 3166-1 by numeric code and by the names ACLED and UCDP write (docs/imports.md, "Countries"). */
class CountriesTest {

    /** The table's alpha-3 codes are the JDK's ISO 3166-1 list (the validator's prefix rule uses the JDK's). */
    @Test
    void theTableHasTheJdksCountries() {
        Set<String> jdk = new TreeSet<>(Arrays.stream(Locale.getISOCountries())
                .map(a2 -> new Locale("", a2).getISO3Country()).toList());
        assertEquals(jdk, new TreeSet<>(Countries.alpha3Codes()));
    }

    @ParameterizedTest
    @CsvSource({"760, SYR", "368, IRQ", "4, AFG", "004, AFG", "887.0, YEM", "180, COD", "729, SDN", "728, SSD", "275, PSE"})
    void numeric(String numeric, String alpha3) {
        assertEquals(Optional.of(alpha3), Countries.byNumeric(numeric));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Syria|SYR", "Syrian Arab Republic|SYR", "syria|SYR", "Iraq|IRQ",
            "Democratic Republic of Congo|COD", "DR Congo (Zaire)|COD", "Republic of Congo|COG", "Ivory Coast|CIV",
            "Côte d'Ivoire|CIV", "Russia (Soviet Union)|RUS", "Yemen (North Yemen)|YEM", "Myanmar (Burma)|MMR",
            "Bosnia-Herzegovina|BIH", "Palestine|PSE", "Turkey|TUR", "Iran|IRN", "South Sudan|SSD", "Kingdom of eSwatini (Swaziland)|SWZ",
            "Cambodia (Kampuchea)|KHM", "Serbia (Yugoslavia)|SRB", "Madagascar (Malagasy)|MDG", "Zimbabwe (Rhodesia)|ZWE"})
    void names(String name, String alpha3) {
        assertEquals(Optional.of(alpha3), Countries.byName(name));
    }

    @Test
    void unknown() {
        assertEquals(Optional.empty(), Countries.byNumeric("0"));
        assertEquals(Optional.empty(), Countries.byNumeric("abc"));
        assertEquals(Optional.empty(), Countries.byName("Kosovo"));
        assertEquals(Optional.of("SYR"), Countries.byCode("sy"));
        assertEquals(Optional.of("SYR"), Countries.byCode("SYR"));
        assertEquals(Optional.empty(), Countries.byCode("XX"));
    }
}
