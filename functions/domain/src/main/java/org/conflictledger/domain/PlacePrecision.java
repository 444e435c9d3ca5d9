package org.conflictledger.domain;

/** How precise the place is, finest first. */
public enum PlacePrecision {
    EXACT,
    NEAR,
    ADMIN2,
    ADMIN1,
    COUNTRY;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
