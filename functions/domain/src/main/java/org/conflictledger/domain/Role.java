package org.conflictledger.domain;

import java.util.Locale;

/** Roles from the token's claims. */
public enum Role {
    REPORTER,
    EDITOR,
    ANALYST;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
