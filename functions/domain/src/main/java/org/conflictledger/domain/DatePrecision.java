package org.conflictledger.domain;

/** How precise the period is. */
public enum DatePrecision {
    DAY,
    DAYS,
    WEEK,
    MONTH;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
