package org.conflictledger.domain;

import java.util.Locale;

/** ACLED actor types. */
public enum ActorType {
    STATE_FORCES,
    REBEL_GROUP,
    POLITICAL_MILITIA,
    IDENTITY_MILITIA,
    RIOTERS,
    PROTESTERS,
    CIVILIANS,
    EXTERNAL_OTHER;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
