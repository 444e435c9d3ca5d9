package org.conflictledger.lookup;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.text.Normalize;
import org.conflictledger.http.QueryParams;
import org.conflictledger.store.ReportSearch;

/**
 * The search route's query string, checked by lambda-http's QueryParams: every problem is a 400
 * naming the parameter.
 * Decisions where docs/api.md is silent are documented in docs/data-model.md ("Search").
 */
public record SearchRequest(ReportSearch.Query query, int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    static final Set<String> PARAMETERS = Set.of("country", "admin1", "admin2", "from", "to", "eventType", "scope",
            "actor", "sourceKind", "status", "limit", "cursor");


    public static SearchRequest parse(Map<String, List<String>> params) {
        QueryParams q = QueryParams.of(params, PARAMETERS);
        String country = q.country("country");
        String admin1 = q.pcode("admin1", "SY02");
        String admin2 = q.pcode("admin2", "SY0200");
        if (country == null && admin1 == null && admin2 == null && q.valid()) {
            q.error("country", "country or admin1 (or admin2) is required: no unbounded listing");
        }
        if (admin1 != null && admin2 != null && !admin2.startsWith(admin1)) {
            q.error("admin2", "must start with admin1 (" + admin1 + ")");
        }
        LocalDate from = q.date("from", false);
        LocalDate to = q.date("to", false);
        if (from != null && to != null && from.isAfter(to)) {
            q.error("from", "must not be after to");
        }
        Set<EventType> eventTypes = q.choices("eventType", EventType.class);
        Set<Scope> scopes = q.choices("scope", Scope.class);
        Set<SourceKind> kinds = q.choices("sourceKind", SourceKind.class);
        Set<Status> statuses = q.choices("status", Status.class);
        // Empty means no filter, as for the other filters (docs/api.md's example sends actor=).
        String actor = q.text("actor");
        if (actor != null && (actor.isBlank() || actor.length() > 200)) {
            q.error("actor", "must be 1 to 200 characters");
        }
        int limit = q.limit("limit", DEFAULT_LIMIT, MAX_LIMIT);
        String cursor = q.text("cursor");
        q.check();
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
}
