package org.conflictledger.domain;

/** Roles from the token's claims. */
public enum Role {
    REPORTER,
    EDITOR,
    ANALYST;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
