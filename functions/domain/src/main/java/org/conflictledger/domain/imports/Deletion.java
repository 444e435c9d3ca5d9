package org.conflictledger.domain.imports;

import java.time.Instant;

/** A row that retracts the report with this externalId (acled-deletions; a retracted row of an hxl export). */
public record Deletion(String externalId, Instant deletedAt) {
}
