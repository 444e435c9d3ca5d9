package org.conflictledger.domain;

/** How the source qualified its number. */
public enum Qualifier {
    EXACT,
    AT_LEAST,
    AT_MOST,
    APPROX;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
