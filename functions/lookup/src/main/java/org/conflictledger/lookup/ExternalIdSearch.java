package org.conflictledger.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.domain.validation.InvalidInputException;
import org.conflictledger.domain.validation.ReportValidator;

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
        List<FieldError> errors = new ArrayList<>();
        List<String> values = params.get(PARAMETER);
        String id = values.isEmpty() ? "" : values.get(0);
        if (values.size() > 1) {
            errors.add(new FieldError(PARAMETER, "may be given once"));
        } else if (id.isEmpty() || id.length() > ReportValidator.MAX_EXTERNAL_ID
                || !id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            errors.add(new FieldError(PARAMETER, "must be 1 to " + ReportValidator.MAX_EXTERNAL_ID
                    + " printable ASCII characters"));
        }
        TreeSet<String> others = new TreeSet<>(params.keySet());
        others.remove(PARAMETER);
        others.remove("limit");
        for (String other : others) {
            errors.add(new FieldError(other, "cannot be combined with externalId, which selects at most one"
                    + " report: search by externalId alone (only limit may accompany it)"));
        }
        // Merge of externalid onto main's QueryParams: the first value, "" when given empty, null when absent.
        List<String> limits = params.get("limit");
        String limit = limits == null ? null : limits.isEmpty() ? "" : limits.get(0);
        if (limit != null && !(limit.matches("[0-9]{1,9}") && Integer.parseInt(limit) >= 1
                && Integer.parseInt(limit) <= SearchRequest.MAX_LIMIT)) {
            errors.add(new FieldError("limit", "must be an integer from 1 to " + SearchRequest.MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the search parameters are not valid", errors);
        }
        return new ExternalIdSearch(id);
    }
}
