package org.conflictledger.domain;

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

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
