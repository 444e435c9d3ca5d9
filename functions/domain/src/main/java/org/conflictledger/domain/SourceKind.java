package org.conflictledger.domain;

import java.util.Locale;

/** Who published the statement. */
public enum SourceKind {
    MONITOR,
    UN_AGENCY,
    NGO,
    MEDIA,
    GOVERNMENT,
    ARMED_GROUP,
    WITNESS,
    OTHER;

    /** The wire name (snake_case), as in docs/api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
