package org.conflictledger.domain;

import java.util.Locale;

/** How the source qualified its number. */
public enum Qualifier {
    EXACT,
    AT_LEAST,
    AT_MOST,
    APPROX;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
