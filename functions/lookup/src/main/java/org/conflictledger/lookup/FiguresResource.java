package org.conflictledger.lookup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.lookup.FiguresService;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;

/**
 * GET /v1/figures and /v1/figures/daily: reconciled figures for an area and window. Figures carry
 * report ids and source counts, never a submitter or a source's name, so every role sees the same.
 */
@Path("/v1/figures")
@Produces(MediaType.APPLICATION_JSON)
public class FiguresResource {

    private static final Set<String> PARAMS = Set.of("country", "admin1", "admin2", "from", "to", "metric", "group");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PCODE = Pattern.compile("[A-Z]{2}[A-Z0-9]{0,18}");
    /** Four-digit years, as everywhere else: LocalDate.parse alone takes "+99999-01-01" and "-2024-01-01". */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    @Inject
    FiguresService figures;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    public Response figures() {
        caller.principal(); // a bearer token that does not verify is a 401 here too
        return ok(figures.figures(window()).toString());
    }

    @GET
    @Path("/daily")
    public Response daily() {
        caller.principal(); // a bearer token that does not verify is a 401 here too
        return ok(figures.daily(window()).toString());
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).build();
    }

    private FiguresService.Window window() {
        var q = uri.getQueryParameters();
        List<FieldError> errors = new ArrayList<>();
        for (String name : q.keySet()) {
            if (!PARAMS.contains(name)) {
                errors.add(new FieldError(name, "unknown parameter; allowed: " + String.join(", ", new java.util.TreeSet<>(PARAMS))));
            } else if (q.get(name).size() > 1) {
                errors.add(new FieldError(name, "give it once"));
            }
        }
        String country = blankToNull(q.getFirst("country"));
        String admin1 = blankToNull(q.getFirst("admin1"));
        String admin2 = blankToNull(q.getFirst("admin2"));
        if (country == null) {
            errors.add(new FieldError("country", "is required (ISO 3166-1 alpha-3, such as SYR)"));
        } else if (!COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-3 code in upper case"));
        }
        if (admin1 != null && !PCODE.matcher(admin1).matches()) {
            errors.add(new FieldError("admin1", "must be a p-code such as SY02"));
        }
        if (admin2 != null && (admin1 == null || !admin2.startsWith(admin1) || admin2.length() <= admin1.length()
                || !PCODE.matcher(admin2).matches())) {
            errors.add(new FieldError("admin2", "must be a p-code under admin1 (admin2 SY0200 under SY02), with admin1 given"));
        }
        LocalDate from = date("from", q.getFirst("from"), errors);
        LocalDate to = date("to", q.getFirst("to"), errors);
        Metric metric = choice("metric", q.getFirst("metric"), Metric.class, errors);
        Group group = choice("group", q.getFirst("group"), Group.class, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the query has " + errors.size() + " problem(s)", errors);
        }
        return new FiguresService.Window(new Area(country, admin1, admin2), from, to, metric, group);
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            if (!DATE.matcher(value).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(value)) {
                return e;
            }
        }
        errors.add(new FieldError(field, "must be one of: " + String.join(", ",
                java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList())));
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
