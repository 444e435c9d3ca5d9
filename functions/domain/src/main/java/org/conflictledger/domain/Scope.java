package org.conflictledger.domain;

/** What kind of number a report holds. */
public enum Scope {
    INCIDENT,
    PERIOD_TOTAL,
    STOCK,
    TERRITORY_CHANGE;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
