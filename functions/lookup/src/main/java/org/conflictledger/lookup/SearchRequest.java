package org.conflictledger.lookup;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.store.ReportSearch;
import org.conflictledger.domain.text.Normalize;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;

/**
 * The search route's query string, checked: every problem is a 400 naming the parameter.
 * Decisions where api.md is silent are documented in docs/data-model.md ("Search").
 */
public record SearchRequest(ReportSearch.Query query, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    static final Set<String> PARAMETERS = Set.of("country", "admin1", "admin2", "from", "to", "eventType", "scope",
            "actor", "sourceKind", "status", "limit", "cursor");

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PCODE = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,18}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public static SearchRequest parse(Map<String, List<String>> params) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!PARAMETERS.contains(p.getKey())) {
                errors.add(new FieldError(p.getKey(), "unknown parameter; allowed: " + new TreeSet<>(PARAMETERS)));
            } else if (p.getValue().size() > 1) {
                errors.add(new FieldError(p.getKey(), "may be given once"));
            }
        }
        String country = code(params, "country", COUNTRY, "an ISO 3166-1 alpha-3 code in upper case, such as SYR", errors);
        String admin1 = code(params, "admin1", PCODE, "a p-code, such as SY02", errors);
        String admin2 = code(params, "admin2", PCODE, "a p-code, such as SY0200", errors);
        if (country == null && admin1 == null && admin2 == null && errors.isEmpty()) {
            errors.add(new FieldError("country", "country or admin1 (or admin2) is required: no unbounded listing"));
        }
        if (admin1 != null && admin2 != null && !admin2.startsWith(admin1)) {
            errors.add(new FieldError("admin2", "must start with admin1 (" + admin1 + ")"));
        }
        LocalDate from = date(params, "from", errors);
        LocalDate to = date(params, "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        Set<EventType> eventTypes = values(params, "eventType", EventType.class, errors);
        Set<Scope> scopes = values(params, "scope", Scope.class, errors);
        Set<SourceKind> kinds = values(params, "sourceKind", SourceKind.class, errors);
        Set<Status> statuses = values(params, "status", Status.class, errors);
        String actor = one(params, "actor");
        if (actor != null && actor.isEmpty()) {
            actor = null; // empty means no filter, as for the other filters (api.md's example sends actor=)
        }
        if (actor != null && (actor.isBlank() || actor.length() > 200)) {
            errors.add(new FieldError("actor", "must be 1 to 200 characters"));
        }
        int limit = DEFAULT_LIMIT;
        String l = one(params, "limit");
        if (l != null) {
            // ASCII digits only: parseInt would also take "+5" and other scripts' digits.
            limit = l.matches("[0-9]{1,9}") ? Integer.parseInt(l) : -1;
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT));
            }
        }
        String cursor = one(params, "cursor");
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the search parameters are not valid", errors);
        }
        return new SearchRequest(new ReportSearch.Query(country, admin1, admin2, from, to, eventTypes, scopes, kinds,
                statuses, actor), limit, cursor);
    }

    /** Everything that selects reports (not limit, not cursor): a cursor is valid only for the same. */
    public String canonical() {
        ReportSearch.Query q = query;
        return String.join("|", "v1", String.valueOf(q.country()), String.valueOf(q.admin1()),
                String.valueOf(q.admin2()), String.valueOf(q.from()), String.valueOf(q.to()), sorted(q.eventTypes()),
                sorted(q.scopes()), sorted(q.sourceKinds()), sorted(q.statuses()),
                q.actor() == null ? "-" : Normalize.name(q.actor()));
    }

    private static String sorted(Set<?> s) {
        return s == null ? "-" : String.join(",", s.stream().map(Object::toString).sorted().toList());
    }

    static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String code(Map<String, List<String>> params, String name, Pattern p, String what,
                               List<FieldError> errors) {
        String v = one(params, name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!p.matcher(v).matches()) {
            errors.add(new FieldError(name, "must be " + what));
            return null;
        }
        return v;
    }

    private static LocalDate date(Map<String, List<String>> params, String name, List<FieldError> errors) {
        String v = one(params, name);
        if (v == null || v.isEmpty()) {
            return null; // an open end (api.md): the window is unbounded on that side
        }
        try {
            if (!DATE.matcher(v).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", v, 0);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static <E extends Enum<E>> Set<E> values(Map<String, List<String>> params, String name, Class<E> type,
                                                     List<FieldError> errors) {
        String v = one(params, name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        Set<E> out = EnumSet.noneOf(type);
        for (String part : v.split(",", -1)) {
            E match = null;
            for (E e : type.getEnumConstants()) {
                if (e.toString().equals(part.trim())) {
                    match = e;
                }
            }
            if (match == null) {
                List<String> allowed = new ArrayList<>();
                for (E e : type.getEnumConstants()) {
                    allowed.add(e.toString());
                }
                errors.add(new FieldError(name, "'" + part + "' is not one of " + allowed
                        + " (several may be given, comma-separated)"));
                return null;
            }
            out.add(match);
        }
        return out;
    }
}
