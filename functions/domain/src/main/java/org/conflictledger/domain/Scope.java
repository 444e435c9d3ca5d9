package org.conflictledger.domain;

import java.util.Locale;

/** What kind of number a report holds. */
public enum Scope {
    INCIDENT,
    PERIOD_TOTAL,
    STOCK,
    TERRITORY_CHANGE;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
