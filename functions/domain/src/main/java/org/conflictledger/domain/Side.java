package org.conflictledger.domain;

/** Side of an actor in an event. */
public enum Side {
    A,
    B;

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
