package org.conflictledger.domain;

import java.util.Locale;

/** Who a figure counts. civilians, combatants and unknown partition all; children and women cut across them. */
public enum Group {
    ALL,
    CIVILIANS,
    COMBATANTS,
    CHILDREN,
    WOMEN,
    UNKNOWN;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
