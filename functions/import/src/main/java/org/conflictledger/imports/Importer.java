package org.conflictledger.imports;

import com.github.f4b6a3.ulid.Ulid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Source;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.imports.Gazetteer;
import org.conflictledger.domain.imports.ImportContext;
import org.conflictledger.domain.imports.ImportFileException;
import org.conflictledger.domain.imports.ImportFormat;
import org.conflictledger.domain.imports.ImportReader;
import org.conflictledger.domain.imports.ImportRow;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.validation.FieldError;
import org.conflictledger.store.ExternalIdTakenException;
import org.conflictledger.store.ExternalRef;
import org.conflictledger.store.GazetteerStore;
import org.conflictledger.store.ImportJob.Progress;
import org.conflictledger.store.ImportJob.RowError;
import org.conflictledger.store.ImportJob;
import org.conflictledger.store.ImportStore;
import org.conflictledger.store.LeaseLostException;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.StaleRevisionException;
import org.conflictledger.store.StorageRejectedException;
import org.conflictledger.store.StorageUnavailableException;
import org.jboss.logging.Logger;

/**
 * Runs an import (docs/imports.md, "How an import runs"): claims the import item, streams the
 * uploaded file from where the last recorded chunk ended, and turns rows into reports in chunks
 * of {@link #CHUNK}: one BatchGetItem finds the chunk's existing reports by externalId, then each
 * row is created, corrected (different content hash), left alone (same hash: no write), retracted
 * (acled-deletions) or rejected. Progress goes into the import item after each chunk, and when
 * the invocation's time runs short the rest is handed to a fresh invocation.
 */
public final class Importer {

    /** BatchGetItem's limit: one request finds a whole chunk's reports. */
    public static final int CHUNK = 100;
    /** Files above this are refused (api.md: up to 1 GiB). */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /**
     * The header rows are kept in the import item to resume from any row, and the item must stay
     * under DynamoDB's 400 KB; real headers are well under 1 KB (HXL title rows included).
     */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(Importer.class);

    /** The uploaded file, from a byte offset on (a ranged S3 GetObject). */
    public interface Files {
        /** The object's stream from {@code offset}; its total size via {@link Opened#size()}. */
        Opened open(String importId, long offset);
    }

    public record Opened(InputStream stream, long size) {
    }

    /** Starts a fresh invocation that continues the import (docs/imports.md). */
    public interface Handoff {
        void continueLater(String importId);
    }

    public enum Result { NOT_CLAIMED, DONE, FAILED, HANDED_OFF }

    private final ImportStore imports;
    private final GazetteerStore places;
    private final ReportStore reports;
    private final Files files;
    private final Handoff handoff;
    private final Clock clock;
    /** Stop and hand off when less than this is left of the invocation. */
    private final Supplier<Duration> reserve;
    /** Unchanged chunks are recorded at least this often (a chunk that wrote is recorded at once). */
    private final Supplier<Duration> recordEvery;
    /** How long a claim or a recorded chunk holds the import (at most until the invocation's deadline). */
    private final Supplier<Duration> lease;

    public Importer(ImportStore imports, GazetteerStore places, ReportStore reports, Files files, Handoff handoff,
                    Clock clock, Supplier<Duration> reserve, Supplier<Duration> recordEvery, Supplier<Duration> lease) {
        this.imports = imports;
        this.places = places;
        this.reports = reports;
        this.files = files;
        this.handoff = handoff;
        this.clock = clock;
        this.reserve = reserve;
        this.recordEvery = recordEvery;
        this.lease = lease;
    }

    /** Imports as much of {@code importId} as this invocation's time allows. */
    public Result run(String importId, LongSupplier remainingMillis) {
        String owner = UUID.randomUUID().toString();
        Instant deadline = clock.instant().plusMillis(remainingMillis.getAsLong());
        ImportJob job = imports.claim(importId, owner, leaseUntil(deadline)).orElse(null);
        if (job == null) {
            LOG.infof("import %s: not claimed (unknown, finished, or held by another invocation)", importId);
            return Result.NOT_CLAIMED;
        }
        return new Run(job, remainingMillis, deadline).go();
    }

    /** A lease ends at the invocation's deadline or earlier: a dead invocation's import is free again soon. */
    private Instant leaseUntil(Instant deadline) {
        Instant byLease = clock.instant().plus(lease.get());
        return byLease.isBefore(deadline) ? byLease : deadline;
    }

    /** One invocation's share of an import. */
    private final class Run {
        private ImportJob job;
        private final LongSupplier remaining;
        private final Instant deadline;
        private final ImportFormat format;
        private ImportContext context;
        // What the rows before nextRow did: always exactly what the item will record.
        private long nextRow;
        private long offset;
        private byte[] header;
        private long rows, created, corrected, unchanged, retracted, rejected, warnings;
        // How many errors and warnings are kept (recorded and pending); the pending ones, kept since
        // the last record, are written with the next record (docs/imports.md, "Errors and warnings").
        private long errorsListed, warningsListed;
        private List<RowError> errors = new ArrayList<>();
        private List<RowError> warningList = new ArrayList<>();
        private long lastRecord;
        private final long reserveMillis = reserve.get().toMillis();
        private final long recordEveryMillis = recordEvery.get().toMillis();

        Run(ImportJob job, LongSupplier remaining, Instant deadline) {
            this.job = job;
            this.remaining = remaining;
            this.deadline = deadline;
            this.format = ImportFormat.fromWire(job.format()).orElseThrow();
            Progress p = job.progress();
            nextRow = p.nextRow();
            offset = p.offset();
            header = p.header();
            rows = p.rows();
            created = p.created();
            corrected = p.corrected();
            unchanged = p.unchanged();
            retracted = p.retracted();
            rejected = p.rejected();
            warnings = p.warnings();
            errorsListed = p.errorsListed();
            warningsListed = p.warningsListed();
            lastRecord = System.nanoTime();
        }

        Result go() {
            try {
                context = new ImportContext(source(), gazetteer(), clock);
                try (ImportReader reader = open()) {
                    return loop(reader);
                } catch (ImportFileException e) {
                    // The file as a whole is not importable: say why, as the error of row 0.
                    error(new RowError(0, "file", e.getMessage()));
                    imports.finish(job, progress(), added(), ImportJob.FAILED);
                    return Result.FAILED;
                }
            } catch (OutOfTime e) {
                // Record exactly the rows done (nextRow/offset move row by row) and hand over; if even
                // that fails, the invocation fails and Lambda's retry resumes after its lease ran out.
                try {
                    job = job.at(imports.release(job, progress(), added()));
                } catch (StorageUnavailableException again) {
                    throw e;
                }
                handoff.continueLater(job.id());
                LOG.warnf("import %s: storage unavailable; handed over at row %d", job.id(), nextRow);
                return Result.HANDED_OFF;
            } catch (LeaseLostException e) {
                LOG.warnf("import %s: %s; stopping without recording", job.id(), e.getMessage());
                return Result.NOT_CLAIMED;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Source source() {
            if (job.sourceJson() == null) {
                return null;
            }
            try {
                return Json.mapper().readValue(job.sourceJson(), Source.class);
            } catch (IOException e) {
                throw new IllegalStateException("import " + job.id() + " has an unreadable source", e);
            }
        }

        private Gazetteer gazetteer() {
            List<Gazetteer> parts = new ArrayList<>();
            for (GazetteerStore.Table t : paused(places::all).values()) {
                try {
                    parts.add(Gazetteer.parse(t.country(), new ByteArrayInputStream(
                            t.csv().getBytes(StandardCharsets.UTF_8))));
                } catch (ImportFileException e) {
                    LOG.warnf("gazetteer %s unreadable, ignored: %s", t.country(), e.getMessage());
                }
            }
            return Gazetteer.merge(parts);
        }

        private ImportReader open() throws ImportFileException, IOException {
            Opened o = files.open(job.id(), offset);
            if (o.size() > MAX_FILE_BYTES) {
                throw new ImportFileException("the file has " + o.size() + " bytes; at most " + MAX_FILE_BYTES
                        + " (1 GiB) are imported");
            }
            if (header == null) {
                ImportReader r = ImportReader.open(format, o.stream(), context);
                if (r.header().length > MAX_HEADER_BYTES) {
                    r.close();
                    throw new ImportFileException("the header rows take " + r.header().length + " bytes; at most "
                            + MAX_HEADER_BYTES + " are read (docs/imports.md, \"Files\")");
                }
                header = r.header();
                return r;
            }
            return ImportReader.resume(format, header, o.stream(), nextRow, offset, context);
        }

        private Result loop(ImportReader reader) throws ImportFileException, IOException {
            while (true) {
                List<ImportRow> chunk = new ArrayList<>(CHUNK);
                try {
                    while (chunk.size() < CHUNK && reader.hasNext()) {
                        chunk.add(reader.next());
                    }
                } catch (UncheckedIOException e) {
                    // The S3 stream broke: do the rows read so far, then read on from after them.
                    LOG.warnf(e, "import %s: reading the file failed after row %d; reopening", job.id(),
                            chunk.isEmpty() ? nextRow - 1 : chunk.get(chunk.size() - 1).number());
                    boolean wrote = chunk(chunk);
                    record(wrote);
                    reader.close();
                    reader = open();
                    continue;
                }
                if (chunk.isEmpty()) {
                    imports.finish(job, progress(), added(), ImportJob.DONE);
                    LOG.infof("import %s done: %d rows, %d created, %d corrected, %d unchanged, %d retracted, %d rejected",
                            job.id(), rows, created, corrected, unchanged, retracted, rejected);
                    return Result.DONE;
                }
                boolean wrote = chunk(chunk);
                if (remaining.getAsLong() < reserveMillis) {
                    job = job.at(imports.release(job, progress(), added()));
                    handoff.continueLater(job.id());
                    LOG.infof("import %s: handed over at row %d", job.id(), nextRow);
                    return Result.HANDED_OFF;
                }
                record(wrote);
            }
        }

        /**
         * Every chunk that wrote is recorded at once; chunks that only read are recorded at least every
         * {@link #recordEveryMillis}: after a crash they are read again and write nothing, and the counts
         * come from the item, so they stay exact (docs/imports.md).
         */
        private void record(boolean wrote) {
            if (wrote || System.nanoTime() - lastRecord >= recordEveryMillis * 1_000_000L) {
                ImportJob.Listed added = added();
                job = job.at(paused(() -> imports.progress(job, progress(), added, leaseUntil(deadline))));
                recorded();
                lastRecord = System.nanoTime();
            }
        }

        /** Processes one chunk; true when it wrote anything. */
        private boolean chunk(List<ImportRow> chunk) {
            if (chunk.isEmpty()) {
                return false;
            }
            List<String> ids = chunk.stream().filter(r -> !r.rejected()).map(ImportRow::externalId)
                    .filter(Objects::nonNull).distinct().toList();
            Map<String, ExternalRef> refs = new HashMap<>(ids.isEmpty() ? Map.of()
                    : paused(() -> reports.findByExternalIds(ids)));
            boolean wrote = false;
            for (ImportRow row : chunk) {
                wrote |= row(row, refs);
                nextRow = row.number() + 1;
                offset = row.endOffset();
            }
            return wrote;
        }

        private boolean row(ImportRow row, Map<String, ExternalRef> refs) {
            rows++;
            warnings += row.warnings().size();
            for (String w : row.warnings()) {
                if (warningsListed < ImportJob.MAX_WARNINGS) {
                    warningList.add(new RowError(row.number(), null, w));
                    warningsListed++;
                }
            }
            if (row.rejected()) {
                reject(row.number(), row.errors());
                return false;
            }
            try {
                return write(row, refs);
            } catch (StorageRejectedException e) {
                // Deterministic (an item over 400 KB, a value DynamoDB refuses): this row can never be
                // stored, the others still can (docs/imports.md).
                LOG.warnf(e, "import %s: storage refused row %d", job.id(), row.number());
                reject(row.number(), List.of(new FieldError(ImportReader.ROW_FIELD, "storage refused this row: "
                        + e.getMessage())));
                return false;
            }
        }

        private void reject(long number, List<FieldError> fieldErrors) {
            rejected++;
            for (FieldError e : fieldErrors) {
                error(new RowError(number, e.field(), e.message()));
            }
        }

        private void error(RowError e) {
            if (errorsListed < ImportJob.MAX_ERRORS) {
                errors.add(e);
                errorsListed++;
            }
        }

        /** The errors and warnings kept since the last record: they go into the next one. */
        private ImportJob.Listed added() {
            return new ImportJob.Listed(errors, warningList);
        }

        /** The pending errors and warnings are stored now. */
        private void recorded() {
            errors = new ArrayList<>();
            warningList = new ArrayList<>();
        }

        private boolean write(ImportRow row, Map<String, ExternalRef> refs) {
            if (row.deletion() != null) {
                ExternalRef ref = refs.get(row.deletion().externalId());
                if (ref == null) {
                    unchanged++; // nothing live has that id: already retracted, or never imported
                    return false;
                }
                String reason = "deleted by the source on " + row.deletion().deletedAt() + " (import " + job.id() + ")";
                paused(() -> retract(ref, reason));
                refs.remove(ref.externalId());
                retracted++;
                return true;
            }
            Report report = row.report().withExternalId(row.externalId());
            String hash = ReportStore.contentHash(report);
            ExternalRef ref = refs.get(row.externalId());
            if (ref != null && ref.contentHash().equals(hash)) {
                // This row's own report, created by an invocation that died before recording its chunk.
                if (ref.revision() == 1 && createdBy(job.id(), row.number(), ref.reportId())) {
                    created++;
                } else {
                    unchanged++;
                }
                return false;
            }
            // One id and one timestamp for every attempt of this row: an attempt whose answer was lost
            // (a timeout after the write landed) is then recognised as ours, not as someone else's.
            Instant now = clock.instant();
            StoredReport fresh = new StoredReport(reportId(job.id(), row.number(), now), 1, Status.RECEIVED,
                    job.creator(), now, now, null, report);
            StoredReport written = paused(() -> write(ref, report, hash, fresh));
            if (written == null) {
                unchanged++;
                return false;
            }
            if (written.revision() == 1) {
                created++;
            } else {
                corrected++;
            }
            refs.put(row.externalId(), new ExternalRef(row.externalId(), written.id(), written.revision(), hash,
                    written.status().toString()));
            return true;
        }

        /** Creates or corrects; null when another writer already stored this very content. */
        private StoredReport write(ExternalRef known, Report report, String hash, StoredReport fresh) {
            ExternalRef ref = known;
            boolean corrected = false;
            for (int attempt = 0; attempt < 3; attempt++) {
                if (ref == null) {
                    try {
                        reports.create(fresh, null);
                        return fresh;
                    } catch (ExternalIdTakenException e) {
                        // An overlapping import (or a client) created it since our BatchGetItem, or our
                        // own earlier attempt did (its answer was lost).
                        ref = reports.findByExternalIds(List.of(report.externalId())).get(report.externalId());
                        if (ref != null && ref.reportId().equals(fresh.id())) {
                            return fresh;
                        }
                    }
                } else {
                    if (ref.contentHash().equals(hash)) {
                        return corrected ? reports.get(ref.reportId()).orElse(null) : null;
                    }
                    StoredReport head = reports.get(ref.reportId()).orElse(null);
                    if (head == null || head.status() == Status.RETRACTED) {
                        ref = null;
                        continue;
                    }
                    if (ReportStore.contentHash(head.report()).equals(hash)) {
                        // The head has this content already: a correction of ours that landed although
                        // its answer was lost (a newer revision than the BatchGetItem saw), or unchanged.
                        return known != null && head.revision() > known.revision() ? head : null;
                    }
                    StoredReport next = head.next(Status.RECEIVED, report, fresh.updatedAt(), null);
                    try {
                        reports.replace(head, next, Change.Kind.CORRECTED, null);
                        return next;
                    } catch (StaleRevisionException e) {
                        // Another change came first, or our own earlier attempt landed late: read again;
                        // when the content is now ours, the row is done (corrected).
                        corrected = true;
                        ref = reports.findByExternalIds(List.of(report.externalId())).get(report.externalId());
                    }
                }
            }
            throw new StorageUnavailableException("externalId " + report.externalId()
                    + " kept changing under the import", null);
        }

        /** Retracts the report unless it already is (an earlier attempt of this row may have landed late). */
        private Void retract(ExternalRef ref, String reason) {
            for (int attempt = 0; attempt < 3; attempt++) {
                StoredReport head = reports.get(ref.reportId()).orElse(null);
                if (head == null || head.status() == Status.RETRACTED) {
                    return null;
                }
                try {
                    reports.replace(head, head.next(Status.RETRACTED, head.report(), clock.instant(), reason),
                            Change.Kind.RETRACTED, null);
                    return null;
                } catch (StaleRevisionException e) {
                    // changed meanwhile: read the head again
                }
            }
            throw new StorageUnavailableException("report " + ref.reportId() + " kept changing under the import", null);
        }

        /**
         * A storage call that waits out an outage: retried with backoff (1 s doubling to 30 s) while
         * the invocation has time; when it runs short, what is done is recorded, the import is handed
         * over and this invocation stops. A row is never skipped.
         */
        private <T> T paused(Supplier<T> call) {
            long wait = 1000;
            while (true) {
                try {
                    return call.get();
                } catch (StorageUnavailableException e) {
                    if (remaining.getAsLong() - wait < reserveMillis) {
                        throw new OutOfTime(e);
                    }
                    LOG.warnf("import %s: storage unavailable (%s); pausing %d ms", job.id(), e.getMessage(), wait);
                    sleep(wait);
                    wait = Math.min(wait * 2, 30_000);
                }
            }
        }

        Progress progress() {
            return new Progress(nextRow, offset, header, rows, created, corrected, unchanged, retracted, rejected,
                    warnings, errorsListed, warningsListed);
        }
    }

    /**
     * Storage stayed unavailable until the invocation ran short of time. The invocation fails, the
     * lease runs out at its deadline, and Lambda's retry of the event claims the import again and
     * resumes after the last recorded row (docs/imports.md).
     */
    public static final class OutOfTime extends RuntimeException {
        OutOfTime(Throwable cause) {
            super("storage unavailable until the invocation ran short of time", cause);
        }
    }

    /**
     * The id of the report that row {@code row} of import {@code importId} creates: a ULID of now
     * whose 80 random bits are a hash of the import and the row, so that a resumed import recognises
     * the reports an invocation that died created for the same rows and counts them as created, not
     * unchanged (docs/imports.md, "When an import stops").
     */
    static String reportId(String importId, long row, Instant now) {
        return new Ulid(now.toEpochMilli(), rowHash(importId, row)).toString();
    }

    static boolean createdBy(String importId, long row, String reportId) {
        try {
            return Arrays.equals(Ulid.getRandom(reportId), rowHash(importId, row));
        } catch (IllegalArgumentException notAUlid) {
            return false;
        }
    }

    private static byte[] rowHash(String importId, long row) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((importId + "#" + row).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(h, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
