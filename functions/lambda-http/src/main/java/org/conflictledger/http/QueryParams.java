package org.conflictledger.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;

/**
 * A route's query string, read with one set of rules and messages for every route (docs/api.md,
 * "Errors"): an unknown or repeated parameter is a 400, an empty value means absent, and every
 * problem of the query is collected and named by its parameter before one 400 is thrown.
 */
public final class QueryParams {

    /** Four-digit years: LocalDate.parse alone takes "+99999-01-01" and "-2024-01-01". */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PCODE = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,18}");
    /** ASCII digits only: parseInt would also take "+5" and other scripts' digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final Map<String, List<String>> params;
    private final List<FieldError> errors = new ArrayList<>();

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The query, with an error for each parameter that is not {@code allowed} or is given twice. */
    public static QueryParams of(Map<String, List<String>> params, Set<String> allowed) {
        QueryParams q = new QueryParams(params);
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!allowed.contains(p.getKey())) {
                q.error(p.getKey(), "unknown parameter; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            } else if (p.getValue().size() > 1) {
                q.error(p.getKey(), "may be given once");
            }
        }
        return q;
    }

    /** True when the parameter is in the query, even empty ("limit=" is a present, bad limit). */
    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** The value, or null when absent or empty. */
    public String text(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    /** The value when it matches {@code pattern}; otherwise an error "must be {what}". */
    public String code(String name, Pattern pattern, String what) {
        String v = text(name);
        if (v != null && !pattern.matcher(v).matches()) {
            error(name, "must be " + what);
            return null;
        }
        return v;
    }

    /** An ISO 3166-1 alpha-3 country code, or null when absent. */
    public String country(String name) {
        return code(name, COUNTRY, "an ISO 3166-1 alpha-3 code in upper case, such as SYR");
    }

    /** An admin-area p-code (docs/api.md, "The report"), or null when absent. */
    public String pcode(String name, String example) {
        return code(name, PCODE, "a p-code, such as " + example);
    }

    /** A date YYYY-MM-DD, or null when absent (an error instead when {@code required}). */
    public LocalDate date(String name, boolean required) {
        String v = text(name);
        if (v == null) {
            if (required) {
                error(name, "is required: a date YYYY-MM-DD");
            }
            return null;
        }
        try {
            if (!DATE.matcher(v).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            error(name, "must be a date YYYY-MM-DD");
            return null;
        }
    }

    /** One value of an enum (by its wire name), or null when absent. */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        E e = match(v, type);
        if (e == null) {
            error(name, "'" + v + "' is not one of " + names(type));
        }
        return e;
    }

    /** Comma-separated values of an enum (by wire name), or null when absent. */
    public <E extends Enum<E>> Set<E> choices(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        Set<E> out = EnumSet.noneOf(type);
        for (String part : v.split(",", -1)) {
            E e = match(part.trim(), type);
            if (e == null) {
                error(name, "'" + part + "' is not one of " + names(type) + " (several may be given, comma-separated)");
                return null;
            }
            out.add(e);
        }
        return out;
    }

    /** A page size from 1 to {@code max}; {@code otherwise} when absent. "limit=" is an error. */
    public int limit(String name, int otherwise, int max) {
        if (!has(name)) {
            return otherwise;
        }
        String v = params.get(name).isEmpty() ? "" : params.get(name).get(0);
        int n = DIGITS.matcher(v).matches() ? Integer.parseInt(v) : -1;
        if (n < 1 || n > max) {
            error(name, "must be an integer from 1 to " + max);
            return otherwise;
        }
        return n;
    }

    public void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Throws the 400 naming every problem found so far, if there is any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the query parameters are not valid", List.copyOf(errors));
        }
    }

    private static <E extends Enum<E>> E match(String v, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(v)) {
                return e;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.toString());
        }
        return out;
    }
}
