package org.conflictledger.store;

import java.time.Instant;
import java.util.List;

/**
 * One import as stored (docs/imports.md, "How an import runs"): what was asked, where the file
 * has been read up to, and what the rows did. Counts always describe exactly the rows before
 * {@code nextRow}, so a resumed invocation continues from a consistent point. {@code listed} holds
 * the kept errors and warnings when the import was read whole ({@link ImportStore#get}); a claim
 * reads only the import item, whose counts say how many are kept.
 */
public record ImportJob(String id, String format, String filename, String sourceJson, String creator,
                        String status, Instant createdAt, Instant uploadExpiresAt, Instant startedAt,
                        Instant finishedAt, Progress progress, long version, String lease, long leaseUntilMillis,
                        Listed listed) {

    public static final String AWAITING_UPLOAD = "awaiting_upload";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** The first this many row errors are kept; the counts stay exact beyond them (api.md). */
    public static final int MAX_ERRORS = 1000;
    /** The first this many warnings are kept, like the errors (docs/imports.md, "Errors and warnings"). */
    public static final int MAX_WARNINGS = 1000;
    /** A kept message is cut to this many characters, a field name to {@link #MAX_FIELD}: bounded items (docs/data-model.md). */
    public static final int MAX_MESSAGE = 300;
    public static final int MAX_FIELD = 100;

    /** An error or a warning of one row (row 0: the file); {@code field} is null when no field is named. */
    public record RowError(long row, String field, String message) {

        public RowError {
            field = cut(field, MAX_FIELD);
            message = cut(message == null ? "" : message, MAX_MESSAGE);
        }

        private static String cut(String s, int max) {
            if (s == null || s.codePointCount(0, s.length()) <= max) {
                return s;
            }
            return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
        }
    }

    /** Kept errors and warnings, in row order. */
    public record Listed(List<RowError> errors, List<RowError> warnings) {

        public static final Listed NONE = new Listed(List.of(), List.of());

        public Listed {
            errors = errors == null ? List.of() : List.copyOf(errors);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        public boolean isEmpty() {
            return errors.isEmpty() && warnings.isEmpty();
        }
    }

    /**
     * Where the next invocation starts: the 1-based number of the next data row, the byte offset
     * just after the last row done, and the file's header bytes (to parse a ranged read); the
     * counts, and how many errors and warnings are kept ({@code errorsListed}, {@code warningsListed}).
     */
    public record Progress(long nextRow, long offset, byte[] header, long rows, long created, long corrected,
                           long unchanged, long retracted, long rejected, long warnings, long errorsListed,
                           long warningsListed) {

        public static Progress start() {
            return new Progress(1, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public ImportJob {
        progress = progress == null ? Progress.start() : progress;
        listed = listed == null ? Listed.NONE : listed;
    }

    /** A new import, nothing listed yet. */
    public ImportJob(String id, String format, String filename, String sourceJson, String creator, String status,
                     Instant createdAt, Instant uploadExpiresAt, Instant startedAt, Instant finishedAt,
                     Progress progress, long version, String lease, long leaseUntilMillis) {
        this(id, format, filename, sourceJson, creator, status, createdAt, uploadExpiresAt, startedAt, finishedAt,
                progress, version, lease, leaseUntilMillis, Listed.NONE);
    }

    /** The same import at a new item version (after a recorded chunk). */
    public ImportJob at(long newVersion) {
        return new ImportJob(id, format, filename, sourceJson, creator, status, createdAt, uploadExpiresAt, startedAt,
                finishedAt, progress, newVersion, lease, leaseUntilMillis, listed);
    }

    /** An awaiting upload whose URL has expired never starts: it is reported as failed. */
    public String effectiveStatus(Instant now) {
        return AWAITING_UPLOAD.equals(status) && uploadExpiresAt != null && now.isAfter(uploadExpiresAt)
                ? FAILED : status;
    }
}
