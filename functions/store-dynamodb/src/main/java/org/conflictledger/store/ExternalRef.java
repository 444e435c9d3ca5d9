package org.conflictledger.store;

/**
 * What the uniqueness item of an {@code externalId} says: the live report that has it, its latest
 * revision and status, and {@link ReportStore#contentHash} of its content. An importer compares
 * {@code contentHash} with a freshly mapped row's to tell "unchanged" without reading the report.
 */
public record ExternalRef(String externalId, String reportId, long revision, String contentHash, String status) {
}
