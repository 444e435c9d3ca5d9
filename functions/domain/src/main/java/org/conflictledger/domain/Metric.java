package org.conflictledger.domain;

import java.util.Locale;

/** What a figure counts. */
public enum Metric {
    KILLED,
    INJURED,
    DISPLACED,
    DETAINED,
    MISSING;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
