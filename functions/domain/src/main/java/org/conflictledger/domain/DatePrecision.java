package org.conflictledger.domain;

import java.util.Locale;

/** How precise the period is. */
public enum DatePrecision {
    DAY,
    DAYS,
    WEEK,
    MONTH;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
