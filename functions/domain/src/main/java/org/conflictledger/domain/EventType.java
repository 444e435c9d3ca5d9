package org.conflictledger.domain;

import java.util.Locale;

/** ACLED's six event types. */
public enum EventType {
    BATTLES,
    EXPLOSIONS_REMOTE_VIOLENCE,
    VIOLENCE_AGAINST_CIVILIANS,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
