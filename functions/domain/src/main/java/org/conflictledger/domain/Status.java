package org.conflictledger.domain;

import java.util.Locale;

/** Where a report stands in review. */
public enum Status {
    RECEIVED,
    ACCEPTED,
    DISPUTED,
    REJECTED,
    RETRACTED;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
