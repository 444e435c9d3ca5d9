package org.conflictledger.domain;

import java.util.Locale;

/** Side of an actor in an event. */
public enum Side {
    A,
    B;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
