package org.conflictledger.lookup;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.http.QueryParams;

/**
 * {@code GET /v1/reports?externalId=...}: the live report with that externalId, or none (docs/api.md,
 * "Reading"). It selects at most one report, so the area, window and other filters have nothing to
 * narrow and a cursor nothing to continue: with them it is a 400 that says so. {@code limit} is
 * checked as on any search; the format comes from Accept as on any search.
 */
record ExternalIdSearch(String externalId) {

    static final String PARAMETER = "externalId";

    static boolean asked(Map<String, List<String>> params) {
        return params.containsKey(PARAMETER);
    }

    static ExternalIdSearch parse(Map<String, List<String>> params) {
        Set<String> known = new TreeSet<>(SearchRequest.PARAMETERS);
        known.add(PARAMETER);
        QueryParams q = QueryParams.of(params, known);
        // The other search parameters are known, but have nothing to narrow or continue here.
        for (String other : new TreeSet<>(params.keySet())) {
            if (SearchRequest.PARAMETERS.contains(other) && !other.equals("limit")) {
                q.error(other, "cannot be combined with externalId, which selects at most one"
                        + " report: search by externalId alone (only limit may accompany it)");
            }
        }
        String id = q.given(PARAMETER);
        if (id.isEmpty() || id.length() > ReportValidator.MAX_EXTERNAL_ID
                || !id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            q.error(PARAMETER, "must be 1 to " + ReportValidator.MAX_EXTERNAL_ID + " printable ASCII characters");
        }
        q.limit("limit", SearchRequest.DEFAULT_LIMIT, SearchRequest.MAX_LIMIT);
        q.check();
        return new ExternalIdSearch(id);
    }
}
