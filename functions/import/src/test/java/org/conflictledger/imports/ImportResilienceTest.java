package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.conflictledger.store.ExternalRef;
import org.conflictledger.store.ImportJob;
import org.conflictledger.testing.FaultInjector.Fault;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 items 2 and 6: an import that outlives an invocation, an invocation that dies, a storage
 * outage, and two imports of overlapping files at once; nothing is skipped and nothing duplicated.
 */
@QuarkusTest
@QuarkusTestResource(value = ImportMoto.class, restrictToAnnotatedClass = true)
class ImportResilienceTest extends ImportTestBase {

    /** Two chunks and a half: enough for a hand-over, a crash between chunks, a mid-chunk outage. */
    static final int ROWS = 150;

    /** Known places: no warnings, so the faults below hit the row writes and progress writes they name. */
    @org.junit.jupiter.api.BeforeEach
    void knownPlaces() {
        seedGazetteer();
    }

    void assertAllOnce(String prefix, int from, int to) {
        Map<String, ExternalRef> refs = reports.findByExternalIds(ids(prefix, from, to));
        assertEquals(to - from, refs.size(), "every row's report exists");
        refs.values().forEach(r -> assertEquals(1, r.revision(), r.toString()));
    }

    @Test
    void whenTimeRunsShortTheRestGoesToAFreshInvocation() {
        // Every invocation has time for about one chunk: the import is handed on at each chunk's end.
        settings.maxRun(Duration.ofSeconds(2));
        settings.reserve(Duration.ofMillis(1900));
        String id = newImport("acled");
        assertEquals("HANDED_OFF", runImport(id, acled("81", 0, ROWS, "h")));
        ImportJob first = job(id);
        assertTrue(first.progress().nextRow() > 1 && first.progress().offset() > 0, "the first share was recorded");
        ImportJob done = awaitFinished(id, Duration.ofMinutes(5));
        assertEquals(ImportJob.DONE, done.status());
        assertEquals(ROWS, done.progress().rows());
        assertEquals(ROWS, done.progress().created(), done.progress().toString());
        assertTrue(done.version() >= 4, "at least two invocations claimed and recorded: v" + done.version());
        assertAllOnce("81", 0, ROWS);
    }

    @Test
    void anInvocationThatDiesIsResumedAfterItsLeaseWithoutDuplicates() {
        settings.lease(Duration.ofSeconds(2));
        String id = newImport("acled");
        upload(id, acled("82", 0, ROWS, "d"));
        // The second chunk's progress write fails for good: the invocation dies with its rows written.
        faults.armValidationError(2, "UpdateItem", 1);
        assertThrows(AssertionError.class, () -> send(s3Event(Uploads.key(id))), "the invocation failed");
        faults.disarm();
        ImportJob dead = job(id);
        assertEquals(ImportJob.RUNNING, dead.status());
        assertEquals(101, dead.progress().nextRow(), "the first chunk was recorded");
        // (That a live lease keeps a second claim out is ImportStoreTest's, without timing.)
        sleep(2500);
        // Lambda's retry of the event.
        assertEquals("DONE", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());
        ImportJob done = job(id);
        assertEquals(ROWS, done.progress().rows());
        // The rows the dead invocation wrote after its last record are its own creations (docs/imports.md).
        assertEquals(ROWS, done.progress().created(), done.progress().toString());
        assertEquals(0, done.progress().corrected() + done.progress().rejected());
        assertAllOnce("82", 0, ROWS);
    }

    @Test
    void aStorageOutagePausesAndResumesAndSkipsNothing() {
        String id = newImport("acled");
        upload(id, acled("83", 0, ROWS, "o"));
        // 12 failed attempts in a row (three calls after the SDK's retries), after some rows went in: longer than the SDK's retries of one call.
        faults.armAfter(120, Fault.SERVER_ERROR, "TransactWriteItems", 12);
        assertEquals("DONE", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());
        assertEquals(12, faults.fired());
        ImportJob done = job(id);
        assertEquals(ROWS, done.progress().created(), done.progress().toString());
        assertEquals(0, done.progress().rejected());
        assertAllOnce("83", 0, ROWS);
    }

    @Test
    void anOutageLongerThanTheInvocationIsHandedOnWithItsRowsRecorded() {
        settings.maxRun(Duration.ofSeconds(6));
        settings.reserve(Duration.ofSeconds(3));
        String id = newImport("acled");
        upload(id, acled("84", 0, ROWS, "l"));
        faults.armAfter(50, Fault.SERVER_ERROR, "TransactWriteItems", 1_000_000);
        assertEquals("HANDED_OFF", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());
        ImportJob paused = job(id);
        assertEquals(51, paused.progress().nextRow(), "recorded up to the last row stored, mid-chunk");
        assertEquals(50, paused.progress().created());
        faults.disarm();
        settings.maxRun(Duration.ofMinutes(5));
        ImportJob done = awaitFinished(id, Duration.ofMinutes(5));
        assertEquals(ROWS, done.progress().created(), done.progress().toString());
        assertAllOnce("84", 0, ROWS);
    }

    @Test
    void twoImportsOfOverlappingFilesAtOnce() throws Exception {
        String a = newImport("acled");
        String b = newImport("acled");
        // Small: moto_server serialises transactions badly under concurrency (500s, slow answers),
        // which the importer rides out as storage outages.
        upload(a, acled("85", 0, 40, "same"));
        upload(b, acled("85", 20, 60, "same"));
        CompletableFuture<Importer.Result> ra = CompletableFuture.supplyAsync(() -> importer.run(a, () -> 300_000));
        CompletableFuture<Importer.Result> rb = CompletableFuture.supplyAsync(() -> importer.run(b, () -> 300_000));
        assertEquals(Importer.Result.DONE, ra.get());
        assertEquals(Importer.Result.DONE, rb.get());
        ImportJob ja = job(a);
        ImportJob jb = job(b);
        assertEquals(60, ja.progress().created() + jb.progress().created(), "each report created once");
        assertEquals(20, ja.progress().unchanged() + jb.progress().unchanged(), "the overlap found by the other");
        assertAllOnce("85", 0, 60);
    }
}
