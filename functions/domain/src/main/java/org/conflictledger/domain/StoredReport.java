package org.conflictledger.domain;

import java.time.Instant;

/**
 * One revision of a report with its server-owned fields. Revisions are immutable; a correction,
 * review or retraction makes the next one.
 */
public record StoredReport(
        String id,
        int revision,
        Status status,
        String submittedBy,
        Instant receivedAt,
        Instant updatedAt,
        String statusNote,
        Report report) {

    /** Retracted and rejected reports never count in figures. */
    public boolean counts() {
        return status != Status.REJECTED && status != Status.RETRACTED;
    }

    public StoredReport next(Status newStatus, Report newReport, Instant at, String note) {
        return new StoredReport(id, revision + 1, newStatus, submittedBy, receivedAt, at, note, newReport);
    }
}
