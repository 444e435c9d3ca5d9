package org.conflictledger.domain;

/** What a figure counts. */
public enum Metric {
    KILLED,
    INJURED,
    DISPLACED,
    DETAINED,
    MISSING;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
