package org.conflictledger.domain;

/** Where a report stands in review. */
public enum Status {
    RECEIVED,
    ACCEPTED,
    DISPUTED,
    REJECTED,
    RETRACTED;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
