package org.conflictledger.domain.imports;

import java.time.Instant;
import java.util.List;

/** ACLED's deletions list: each row retracts the report of that event (docs/imports.md, "acled-deletions"). */
final class AcledDeletionsMapping extends Mapping {

    static final List<String> COLUMNS = List.of("event_id_cnty", "deleted_timestamp");

    AcledDeletionsMapping() {
        super(null, null);
    }

    @Override
    ImportRow map(long number, long endOffset, Row row) {
        String externalId = row.externalId("acled", "event_id_cnty");
        Instant at = row.epochSeconds("deleted_timestamp");
        if (at == null && row.get("deleted_timestamp") == null) {
            row.error("deleted_timestamp", "is required");
        }
        if (!row.errors.isEmpty()) {
            return new ImportRow(number, endOffset, externalId, null, null, row.errors, List.of());
        }
        return new ImportRow(number, endOffset, externalId, null, new Deletion(externalId, at), List.of(), List.of());
    }
}
