package org.conflictledger.store;


/**
 * What a first request produced, kept for 24 hours under a digest of (principal, key): a repeat
 * with the same body hash gets {@code reportId}/{@code revision} back; a batch keeps its results.
 */
public record IdempotencyRecord(String key, String bodyHash, String reportId, int revision, String results,
                                long expiresAtEpochSecond) {
}
