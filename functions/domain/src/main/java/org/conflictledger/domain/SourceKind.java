package org.conflictledger.domain;

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

    /** The wire name (snake_case), as in api.md. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
