package org.conflictledger.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.ReportStore;

/**
 * What the events in events/submit and events/aggregate expect to find in the table: shared by
 * the functions' own replays and the deployed-shape replay of the packaged functions.
 */
public final class ReplaySeeds {

    /** The report the PUT, DELETE and review events name; reporter-1 owns it. */
    public static final String SUBMIT_FIXTURE_ID = "01JDRZ5V7N3P2Q8R4S6T8V0W2X";

    private ReplaySeeds() {
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
