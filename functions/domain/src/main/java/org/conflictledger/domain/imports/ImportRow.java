package org.conflictledger.domain.imports;

import java.util.List;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.validation.FieldError;

/**
 * One data row. {@code number} is 1-based among data rows; {@code endOffset} is the byte offset in
 * the file just after the row (where a resumed import starts reading). Exactly one of:
 * {@code report} (to create or correct), {@code deletion} (to retract {@code externalId}),
 * non-empty {@code errors} (rejected; {@code externalId} is given when the row had a usable id).
 * Warnings go with an accepted row: an admin name not in the gazetteer, a text cut to its limit.
 */
public record ImportRow(long number, long endOffset, String externalId, Report report, Deletion deletion,
                        List<FieldError> errors, List<String> warnings) {

    public ImportRow {
        errors = errors == null ? List.of() : List.copyOf(errors);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        int kinds = (report != null ? 1 : 0) + (deletion != null ? 1 : 0) + (errors.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("a row is exactly one of: report, deletion, errors");
        }
    }

    public boolean rejected() {
        return !errors.isEmpty();
    }
}
