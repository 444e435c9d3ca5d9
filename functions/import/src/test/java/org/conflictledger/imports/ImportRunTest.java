package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.store.ExternalRef;
import org.conflictledger.store.ImportJob;
import org.junit.jupiter.api.Test;

/** Issue 16 item 2: rows to reports, chunk by chunk, through the S3 event path. */
@QuarkusTest
@QuarkusTestResource(value = ImportMoto.class, restrictToAnnotatedClass = true)
class ImportRunTest extends ImportTestBase {

    @jakarta.inject.Inject
    CallCounter calls;

    /** Two chunks: the per-chunk and per-import requests are asserted one by one (moto is slow with many writes). */
    static final int ROWS = 200;
    static final int CHUNKS = ROWS / Importer.CHUNK;

    @Test
    void newRowsCostOneWriteEachAndTheSameFileAgainWritesNothing() {
        seedGazetteer();
        byte[] file = acled("71", 0, ROWS, "a");
        String first = newImport("acled");
        calls.reset();
        assertEquals("DONE", runImport(first, file));
        Map<String, Long> newCounts = calls.snapshot();
        ImportJob a = job(first);
        assertEquals(ImportJob.DONE, a.status());
        assertEquals(ROWS, a.progress().rows());
        assertEquals(ROWS, a.progress().created(), a.listed().errors().toString());
        assertEquals(0, a.progress().rejected());
        assertNotNull(a.finishedAt());
        double perNewRow = (double) calls.total() / ROWS;
        System.out.printf("DynamoDB requests per new row: %.4f %s%n", perNewRow, newCounts);
        assertTrue(perNewRow <= 1.05, "requests per new row " + perNewRow + " " + newCounts);
        // Per row one transaction; per chunk one BatchGetItem and one progress write; per import a
        // claim, the gazetteer Query and the final write. Nothing else.
        assertEquals(Map.of("TransactWriteItems", (long) ROWS, "BatchGetItem", (long) CHUNKS,
                "UpdateItem", CHUNKS + 2L, "Query", 1L), newCounts);

        Map<String, ExternalRef> refs = reports.findByExternalIds(ids("71", 0, ROWS));
        assertEquals(ROWS, refs.size());
        StoredReport one = reports.get(refs.get("acled:SYR71000007").reportId()).orElseThrow();
        assertEquals("acled:SYR71000007", one.report().externalId());
        assertEquals("importer-sub", one.submittedBy(), "the importing principal submits");

        String second = newImport("acled");
        // Unchanged chunks are recorded by time (record-every); at a fixed count here, not by machine speed.
        settings.recordEvery(Duration.ofHours(1));
        calls.reset();
        assertEquals("DONE", runImport(second, file));
        Map<String, Long> againCounts = calls.snapshot();
        ImportJob b = job(second);
        assertEquals(ROWS, b.progress().unchanged());
        assertEquals(0, b.progress().created() + b.progress().corrected());
        // Per chunk only its BatchGetItem; per import the claim, the gazetteer Query and the final write.
        assertEquals(Map.of("BatchGetItem", (long) CHUNKS, "UpdateItem", 2L, "Query", 1L), againCounts);
        double perUnchanged = (double) againCounts.get("BatchGetItem") / ROWS;
        double atScale = (CHUNKS * 1000 + 3.0) / (ROWS * 1000);
        System.out.printf("DynamoDB requests per unchanged row: %.4f per row + 3 per import (%.5f at %d rows) %s%n",
                perUnchanged, atScale, ROWS * 1000, againCounts);
        assertTrue(perUnchanged <= 0.02 && atScale <= 0.02, "requests per unchanged row " + againCounts);
        assertEquals(1, reports.revisions(one.id()).size(), "no new revision");
    }

    @Test
    void changedRowsAreCorrectionsAndTheDeletionsFileRetracts() {
        String first = newImport("acled");
        assertEquals("DONE", runImport(first, sample("acled-syria.csv")));
        ImportJob a = job(first);
        long created = a.progress().created();
        assertTrue(created >= 5, a.progress().toString());

        String changed = new String(sample("acled-syria.csv"), StandardCharsets.UTF_8)
                .replaceFirst("\\(Invented sample row\\.\\)", "(Invented sample row, corrected.)");
        String second = newImport("acled");
        assertEquals("DONE", runImport(second, changed.getBytes(StandardCharsets.UTF_8)));
        ImportJob b = job(second);
        assertEquals(1, b.progress().corrected());
        assertEquals(created - 1, b.progress().unchanged());
        ExternalRef ref = reports.findByExternalIds(List.of("acled:SYR900001")).get("acled:SYR900001");
        assertEquals(2, ref.revision());
        assertTrue(reports.get(ref.reportId()).orElseThrow().report().summary().contains("corrected"));

        String deletions = newImport("acled-deletions");
        assertEquals("DONE", runImport(deletions, sample("acled-deletions.csv")));
        ImportJob d = job(deletions);
        assertEquals(2, d.progress().retracted(), d.progress().toString());
        Map<String, ExternalRef> gone = reports.findByExternalIds(List.of("acled:SYR900004", "acled:SYR900009"));
        assertTrue(gone.isEmpty(), "retracted reports release their externalIds: " + gone);

        String again = newImport("acled-deletions");
        assertEquals("DONE", runImport(again, sample("acled-deletions.csv")));
        assertEquals(0, job(again).progress().retracted(), "the deletions file twice retracts nothing more");
    }

    @Test
    void aFileThatIsNotTheFormatFailsWithItsReason() {
        String id = newImport("ucdp-ged");
        assertEquals("FAILED", runImport(id, sample("acled-syria.csv")));
        ImportJob j = job(id);
        assertEquals(ImportJob.FAILED, j.status());
        assertEquals(0, j.listed().errors().get(0).row());
        assertEquals("file", j.listed().errors().get(0).field());
        assertEquals(0, j.progress().rows());
    }

    @Test
    void headerRowsTooLargeToKeepFailTheFileWithItsReason() {
        // 20 title rows of 4 KB above the hashtag row (found among the first 25): a header the import
        // item would have to carry on every progress write.
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append("title ").append("x".repeat(4000)).append('\n');
        }
        b.append(new String(sample("hxl-export.csv"), StandardCharsets.UTF_8));
        String id = newImport("hxl");
        assertEquals("FAILED", runImport(id, b.toString().getBytes(StandardCharsets.UTF_8)));
        ImportJob j = job(id);
        assertEquals(0, j.listed().errors().get(0).row());
        assertEquals("file", j.listed().errors().get(0).field());
        assertTrue(j.listed().errors().get(0).message().contains("at most 65536"), j.listed().errors().toString());
        assertEquals(0, j.progress().rows());
        assertEquals(null, j.progress().header(), "nothing of the file is kept");
    }

    @Test
    void aThousandErrorsAreKeptAndTheCountsStayExact() {
        StringBuilder b = new StringBuilder(new String(sample("acled-syria.csv"), StandardCharsets.UTF_8).split("\n")[0])
                .append('\n');
        for (int i = 0; i < 2500; i++) {
            b.append("SYR8").append(i).append(",not-a-date\n");
        }
        byte[] good = acled("72", 0, 3, "ok");
        String goodRows = new String(good, StandardCharsets.UTF_8);
        b.append(goodRows.substring(goodRows.indexOf('\n') + 1));
        String id = newImport("acled");
        assertEquals("DONE", runImport(id, b.toString().getBytes(StandardCharsets.UTF_8)));
        ImportJob j = job(id);
        assertEquals(2503, j.progress().rows());
        assertEquals(2500, j.progress().rejected());
        assertEquals(3, j.progress().created(), "a row's failure never stops the others");
        assertEquals(ImportJob.MAX_ERRORS, j.listed().errors().size());
        assertEquals(1, j.listed().errors().get(0).row());
    }

    @Test
    void theSameUploadEventTwiceRunsTheImportOnce() {
        String id = newImport("acled");
        byte[] file = acled("73", 0, 50, "x");
        assertEquals("DONE", runImport(id, file));
        assertEquals("NOT_CLAIMED", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());
        assertEquals(50, job(id).progress().created());
        assertEquals(ImportJob.DONE, job(id).status());
    }

    @Test
    void objectsOutsideTheUploadsPrefixAreIgnored() {
        assertEquals(0, send(s3Event("other/thing.csv")).path("imports").size());
        assertEquals(Status.RECEIVED.toString(), "received");
        assertTrue(Duration.ofSeconds(1).toMillis() > 0);
    }
}
