package org.conflictledger.lookup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks HXL's reference validator (libhxl's {@code hxlvalidate} with its default core schema)
 * makes at error severity, plus the hashtag syntax and dictionary it parses against, so that the
 * CSV export can be validated here without Python. Core schema rules: {@code #date} is always a
 * date; {@code #population}, {@code #affected}, {@code #inneed}, {@code #targeted}, {@code #reached},
 * {@code #indicator+num}, {@code #output+num} and {@code #value} are always numbers. Empty cells
 * are not checked (libhxl skips them too).
 */
final class HxlCoreSchema {

    /** A hashtag and its attributes: tokens start with a letter, then letters, digits or underscores. */
    static final Pattern TAG = Pattern.compile("#[A-Za-z][A-Za-z0-9_]*(\\+[A-Za-z][A-Za-z0-9_]*)*");

    /** Hashtags of the HXL dictionary (hxlstandard.org, "HXL hashtag dictionary"). */
    static final Set<String> DICTIONARY = Set.of("#access", "#activity", "#adm1", "#adm2", "#adm3", "#adm4", "#adm5",
            "#affected", "#beneficiary", "#capacity", "#cause", "#channel", "#contact", "#contributor", "#country",
            "#crisis", "#currency", "#date", "#description", "#event", "#financial", "#frequency", "#geo", "#group",
            "#impact", "#indicator", "#inneed", "#item", "#loc", "#meta", "#modality", "#need", "#operations", "#org",
            "#output", "#population", "#reached", "#region", "#respondee", "#sector", "#service", "#severity",
            "#status", "#subsector", "#targeted", "#value");

    static final Set<String> NUMBERS = Set.of("#population", "#affected", "#inneed", "#targeted", "#reached", "#value");

    /** #geo holds coordinates; the dictionary's attributes for it. */
    static final Set<String> GEO_ATTRIBUTES = Set.of("lat", "lon", "coord", "elevation", "bounds");

    /** libhxl's quick ISO pattern: a year, optionally a quarter, week, month or day. */
    static final Pattern ISO_DATE = Pattern.compile("[12]\\d{3}(Q[1-4]|W\\d\\d?|-\\d\\d?(-\\d\\d?)?)?");

    private HxlCoreSchema() {
    }

    /** Every problem with one column: its hashtag, then each value against the hashtag's data type. */
    static List<String> problems(String name, String hashtag, List<String> values) {
        List<String> out = new ArrayList<>();
        if (!TAG.matcher(hashtag).matches()) {
            out.add(name + ": '" + hashtag + "' is not a hashtag with attributes");
            return out;
        }
        String[] parts = hashtag.split("\\+");
        String base = parts[0].toLowerCase();
        Set<String> attributes = Set.of(Arrays.copyOfRange(parts, 1, parts.length));
        if (!DICTIONARY.contains(base)) {
            out.add(name + ": " + base + " is not in the HXL dictionary");
        }
        if (base.equals("#geo") && !GEO_ATTRIBUTES.containsAll(attributes)) {
            out.add(name + ": #geo holds coordinates (+lat, +lon, ...), not " + attributes);
        }
        boolean number = NUMBERS.contains(base)
                || ((base.equals("#indicator") || base.equals("#output")) && attributes.contains("num"))
                || (base.equals("#geo") && (attributes.contains("lat") || attributes.contains("lon")));
        for (String v : values) {
            if (v.isBlank()) {
                continue;
            }
            if (base.equals("#date") && !isDate(v)) {
                out.add(name + " (" + hashtag + "): '" + v + "' is not a date");
            }
            if (number && !isNumber(v)) {
                out.add(name + " (" + hashtag + "): '" + v + "' is not a number");
            }
        }
        return out;
    }

    /** An ISO date (libhxl's pattern) or an ISO 8601 instant, which libhxl's date parser reads too. */
    static boolean isDate(String v) {
        if (ISO_DATE.matcher(v).matches()) {
            return true;
        }
        try {
            Instant.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
