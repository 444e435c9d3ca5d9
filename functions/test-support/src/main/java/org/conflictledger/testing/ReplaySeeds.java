package org.conflictledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.GazetteerStore;
import org.conflictledger.store.ImportJob;
import org.conflictledger.store.ImportStore;
import org.conflictledger.store.ReportStore;

/**
 * What the events in events/submit, events/aggregate and events/import expect to find in the table: shared by
 * the functions' own replays and the deployed-shape replay of the packaged functions.
 */
public final class ReplaySeeds {

    /** The report the PUT, DELETE and review events name; reporter-1 owns it. */
    public static final String SUBMIT_FIXTURE_ID = "01JDRZ5V7N3P2Q8R4S6T8V0W2X";

    /** The import the get-import events read, created by reporter-1. */
    public static final String IMPORT_SEEDED = "01JEVENTS0000000000IMPORT0";
    /** The import the S3 event's key names (its upload is the ACLED sample). */
    public static final String IMPORT_UPLOADED = "01JEVENTS0000000000UPLOAD";

    private ReplaySeeds() {
    }

    /**
     * The two imports of events/import (both awaiting their upload) and Syria's gazetteer. The
     * caller puts the ACLED sample where the S3 event's key points ({@link #importSample}).
     */
    public static void imports(ImportStore imports, GazetteerStore places, Instant now) {
        for (String id : new String[] {IMPORT_SEEDED, IMPORT_UPLOADED}) {
            if (imports.get(id).isEmpty()) {
                imports.create(new ImportJob(id, "acled", "acled-syria.csv", null, "reporter-1",
                        ImportJob.AWAITING_UPLOAD, now, now.plus(Duration.ofDays(365)), null, null, null, 0, null, 0));
            }
        }
        places.put("SYR", new String(importSample("gazetteer-SYR.csv"), StandardCharsets.UTF_8), 14, "seed");
    }

    /** A file of docs/samples/imports. */
    public static byte[] importSample(String name) {
        try {
            return Files.readAllBytes(EventFiles.repoRoot().resolve("docs/samples/imports").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void submit(ReportStore store) {
        Instant at = Instant.parse("2024-11-30T10:00:00Z");
        store.create(new StoredReport(SUBMIT_FIXTURE_ID, 1, Status.RECEIVED, "reporter-1", at, at, null,
                incident(12, "OHCHR")), null);
    }

    /** One pending incident, so that an aggregation run of events/aggregate has something to fold in. */
    public static void aggregate(ReportStore store, String id) {
        Instant now = Instant.now();
        store.create(new StoredReport(id, 1, Status.RECEIVED, "reporter-1", now, now, null, incident(10, "SOHR")), null);
    }

    private static Report incident(long killed, String source) {
        return new ReportReader(new ReportValidator()).read(
                Samples.incident("2024-11-28", "SY0200", killed, source).getBytes(StandardCharsets.UTF_8));
    }
}
