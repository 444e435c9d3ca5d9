package org.conflictledger.domain;

import java.util.Locale;

/** How precise the place is, finest first. */
public enum PlacePrecision {
    EXACT,
    NEAR,
    ADMIN2,
    ADMIN1,
    COUNTRY;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
