package org.conflictledger.store;

import java.time.Instant;
import java.util.List;

/**
 * One import as stored (docs/imports.md, "How an import runs"): what was asked, where the file
 * has been read up to, and what the rows did. Counts and errors always describe exactly the rows
 * before {@code nextRow}, so a resumed invocation continues from a consistent point.
 */
public record ImportJob(String id, String format, String filename, String sourceJson, String creator,
                        String status, Instant createdAt, Instant uploadExpiresAt, Instant startedAt,
                        Instant finishedAt, Progress progress, long version, String lease, long leaseUntilMillis) {

    public static final String AWAITING_UPLOAD = "awaiting_upload";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** The first this many row errors are kept; the counts stay exact beyond them (api.md). */
    public static final int MAX_ERRORS = 1000;

    public record RowError(long row, String field, String message) {
    }

    /**
     * Where the next invocation starts: the 1-based number of the next data row, the byte offset
     * just after the last row done, and the file's header bytes (to parse a ranged read).
     */
    public record Progress(long nextRow, long offset, byte[] header, long rows, long created, long corrected,
                           long unchanged, long retracted, long rejected, long warnings, List<RowError> errors) {

        public Progress {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }

        public static Progress start() {
            return new Progress(1, 0, null, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
    }

    public ImportJob {
        progress = progress == null ? Progress.start() : progress;
    }

    /** The same import at a new item version (after a recorded chunk). */
    public ImportJob at(long newVersion) {
        return new ImportJob(id, format, filename, sourceJson, creator, status, createdAt, uploadExpiresAt, startedAt,
                finishedAt, progress, newVersion, lease, leaseUntilMillis);
    }

    /** An awaiting upload whose URL has expired never starts: it is reported as failed. */
    public String effectiveStatus(Instant now) {
        return AWAITING_UPLOAD.equals(status) && uploadExpiresAt != null && now.isAfter(uploadExpiresAt)
                ? FAILED : status;
    }
}
