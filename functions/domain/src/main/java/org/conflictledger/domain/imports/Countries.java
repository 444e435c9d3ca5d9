package org.conflictledger.domain.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * ISO 3166-1 countries: alpha-3 codes from ISO numeric codes (ACLED's {@code iso}) and from English
 * names (UCDP's {@code country}). The table {@code iso3166-1.csv} is Debian's iso-codes 4.15.0 list
 * (alpha-2, alpha-3, numeric, names); the JDK's English names and the few names ACLED and UCDP spell
 * their own way (docs/imports.md, "Countries") are matched too.
 */
final class Countries {

    private static final Pattern PARENTHESES = Pattern.compile("\\s*\\([^)]*\\)\\s*");

    /** Names that neither ISO nor the JDK spell this way, as ACLED and UCDP do. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("Democratic Republic of Congo", "COD"),
            Map.entry("DR Congo", "COD"),
            Map.entry("Republic of Congo", "COG"),
            Map.entry("Ivory Coast", "CIV"),
            Map.entry("Bosnia-Herzegovina", "BIH"),
            Map.entry("Kingdom of eSwatini", "SWZ"),
            Map.entry("eSwatini", "SWZ"),
            Map.entry("Palestine", "PSE"),
            Map.entry("East Timor", "TLS"),
            Map.entry("Micronesia", "FSM"),
            Map.entry("Vatican City", "VAT"),
            Map.entry("Caribbean Netherlands", "BES"),
            Map.entry("Saint-Barthelemy", "BLM"),
            Map.entry("Saint-Martin", "MAF"));

    private static final Map<String, String> BY_NUMERIC = new HashMap<>();
    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static final Map<String, String> ALPHA2 = new HashMap<>();

    static {
        try (InputStream in = Countries.class.getResourceAsStream("iso3166-1.csv");
             MappingIterator<String[]> rows = new CsvMapper().readerFor(String[].class)
                     .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(in)) {
            rows.next(); // column names
            while (rows.hasNext()) {
                String[] r = rows.next();
                String alpha3 = r[1];
                ALPHA2.put(alpha3, r[0]);
                BY_NUMERIC.put(String.valueOf(Integer.parseInt(r[2])), alpha3);
                for (int i = 3; i < r.length; i++) {
                    name(r[i], alpha3);
                }
                name(new Locale("", r[0]).getDisplayCountry(Locale.ENGLISH), alpha3);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ALIASES.forEach((n, a3) -> name(n, a3));
    }

    private Countries() {
    }

    private static void name(String name, String alpha3) {
        if (name != null && !name.isBlank()) {
            BY_NAME.putIfAbsent(Gazetteer.key(name), alpha3);
        }
    }

    /** ISO 3166-1 numeric ("760", "760.0" or "0760") to alpha-3. */
    static Optional<String> byNumeric(String numeric) {
        if (numeric == null) {
            return Optional.empty();
        }
        String n = numeric.strip();
        if (n.endsWith(".0")) {
            n = n.substring(0, n.length() - 2);
        }
        try {
            return Optional.ofNullable(BY_NUMERIC.get(String.valueOf(Integer.parseInt(n))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An English name ("Syria", "Syrian Arab Republic", UCDP's "Russia (Soviet Union)") to alpha-3. */
    static Optional<String> byName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String a3 = BY_NAME.get(Gazetteer.key(name));
        if (a3 == null) {
            // UCDP adds former names in parentheses: "Yemen (North Yemen)", "DR Congo (Zaire)"
            a3 = BY_NAME.get(Gazetteer.key(PARENTHESES.matcher(name).replaceAll(" ")));
        }
        return Optional.ofNullable(a3);
    }

    /** A code as ISO 3166-1 alpha-3 (alpha-2 and alpha-3 accepted, any case). */
    static Optional<String> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        if (ALPHA2.containsKey(c)) {
            return Optional.of(c);
        }
        return ALPHA2.entrySet().stream().filter(e -> e.getValue().equals(c)).map(Map.Entry::getKey).findFirst();
    }

    static Optional<String> alpha2(String alpha3) {
        return Optional.ofNullable(ALPHA2.get(alpha3));
    }

    static List<String> alpha3Codes() {
        return ALPHA2.keySet().stream().sorted().toList();
    }
}
