package org.conflictledger.store;

/** A live report already has this {@code externalId} (docs/api.md): {@link #existingId()} is that report. */
public class ExternalIdTakenException extends RuntimeException {
    private final String externalId;
    private final String existingId;

    public ExternalIdTakenException(String externalId, String existingId) {
        super("externalId already used by report " + existingId);
        this.externalId = externalId;
        this.existingId = existingId;
    }

    public String externalId() {
        return externalId;
    }

    public String existingId() {
        return existingId;
    }
}
