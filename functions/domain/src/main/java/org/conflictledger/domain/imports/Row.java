package org.conflictledger.domain.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.conflictledger.domain.PlacePrecision;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;

/**
 * One data row while it is mapped: its cells by column, and the errors and warnings found so far.
 * Errors name the file's column; errors that the report's validation finds name the report field.
 */
final class Row {

    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final Map<String, Integer> columns;
    private final List<String> cells;
    final List<FieldError> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Row(Map<String, Integer> columns, List<String> cells) {
        this.columns = columns;
        this.cells = cells;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    /** The cell without surrounding white space; null when the column is absent or the cell blank. */
    String get(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= cells.size() || cells.get(i) == null) {
            return null;
        }
        String v = cells.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    /** The cell as written, white space kept (free text comes back exactly); null when absent or blank. */
    String raw(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= cells.size() || cells.get(i) == null || cells.get(i).isBlank()) {
            return null;
        }
        return cells.get(i);
    }

    void error(String column, String message) {
        errors.add(new FieldError(column, message));
    }

    /** A whole number ("12", and "12.0" as spreadsheets write it); null and an error when it is none. */
    Long whole(String column) {
        String v = get(column);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            error(column, "'" + cut(v, 40) + "' is not a whole number");
            return null;
        }
    }

    Double decimal(String column) {
        String v = get(column);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        error(column, "'" + cut(v, 40) + "' is not a number");
        return null;
    }

    /** A date in the first of the formats that reads it. */
    LocalDate date(String column, List<DateTimeFormatter> formats) {
        String v = get(column);
        if (v == null) {
            return null;
        }
        for (DateTimeFormatter f : formats) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeException e) {
                // next format
            }
        }
        error(column, "'" + cut(v, 40) + "' is not a date (such as 2024-11-27)");
        return null;
    }

    /** Unix time in seconds, as ACLED's timestamp columns hold it. */
    Instant epochSeconds(String column) {
        Long s = whole(column);
        if (s == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(s);
        } catch (DateTimeException e) {
            error(column, "'" + s + "' is not a time in seconds since 1970");
            return null;
        }
    }

    /** Required cell: an error when it is blank. */
    String required(String column) {
        String v = get(column);
        if (v == null) {
            error(column, "is required");
        }
        return v;
    }

    /** "<system>:<the row's own id>" (api.md), or an error naming the id's column. */
    String externalId(String system, String column) {
        String id = required(column);
        if (id == null) {
            return null;
        }
        String ext = system + ":" + id;
        if (!EXTERNAL_ID.matcher(ext).matches()) {
            error(column, "the id must be printable ASCII without spaces, at most " + (127 - system.length())
                    + " characters");
            return null;
        }
        return ext;
    }

    /** Text longer than the report allows is cut to the limit, with a warning. */
    String limit(String column, String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        warnings.add(column + " is longer than " + max + " characters: cut to " + max);
        return cut(value, max);
    }

    static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
    }

    /**
     * The place: country, the admin names through the gazetteer, and a precision no finer than what
     * was resolved (a point precision needs coordinates; admin2 needs the admin2 p-code).
     */
    void place(ObjectNode report, ImportContext ctx, String country, String admin1Name, String admin2Name,
               String name, Double lat, Double lon, PlacePrecision wanted) {
        ObjectNode p = report.putObject("place");
        p.put("country", country);
        Gazetteer.Resolution r = ctx.gazetteer().resolve(country, admin1Name, admin2Name);
        warnings.addAll(r.warnings());
        putText(p, "admin1", r.admin1());
        putText(p, "admin2", r.admin2());
        putText(p, "name", name);
        boolean point = lat != null && lon != null;
        if (point) {
            p.put("lat", lat);
            p.put("lon", lon);
        }
        PlacePrecision finest = r.admin2() != null ? PlacePrecision.ADMIN2
                : r.admin1() != null ? PlacePrecision.ADMIN1 : PlacePrecision.COUNTRY;
        PlacePrecision precision = switch (wanted == null ? finest : wanted) {
            case EXACT, NEAR -> point ? wanted : finest;
            case ADMIN2 -> finest;
            case ADMIN1 -> finest == PlacePrecision.ADMIN2 ? PlacePrecision.ADMIN1 : finest;
            case COUNTRY -> PlacePrecision.COUNTRY;
        };
        p.put("precision", precision.toString());
    }

    static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The row as an import row: rejected with its errors, or the report that passed the API's validation. */
    ImportRow finish(ReportReader reader, long number, long endOffset, String externalId, ObjectNode report) {
        if (!errors.isEmpty()) {
            return new ImportRow(number, endOffset, externalId, null, null, errors, List.of());
        }
        try {
            Report r = reader.read(report, "");
            return new ImportRow(number, endOffset, externalId, r, null, List.of(), warnings);
        } catch (InvalidInputException e) {
            return new ImportRow(number, endOffset, externalId, null, null, e.errors(), List.of());
        }
    }
}
