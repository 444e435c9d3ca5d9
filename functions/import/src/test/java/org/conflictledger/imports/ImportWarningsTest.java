package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.conflictledger.store.ImportJob;
import org.conflictledger.testing.LambdaEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an import's warnings are findable. The first 1,000 are kept with their row numbers and
 * shown by GET /v1/imports/{id} as {@code warningList} (docs/imports.md, "Errors and warnings"); they
 * are stored with the progress that counts them, so a resumed import lists each exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = ImportMoto.class, restrictToAnnotatedClass = true)
class ImportWarningsTest extends ImportTestBase {

    @jakarta.inject.Inject
    CallCounter calls;

    @BeforeEach
    void gazetteer() {
        seedGazetteer();
    }

    /**
     * An ACLED file of rows from the sample's first row (Aleppo, Jebel Saman): row i has the admin2
     * name {@code Khafsa<i>}, which the gazetteer does not know, and the id SYR9&lt;i&gt; (or one id for
     * every row when {@code sameId}: then only the first row writes, the others are unchanged).
     */
    static byte[] unknownAdmin2(int rows, boolean sameId) {
        String[] lines = new String(sample("acled-syria.csv"), StandardCharsets.UTF_8).split("\n");
        StringBuilder b = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i <= rows; i++) {
            String row = lines[1].replace(",Aleppo,Jebel Saman,", ",Aleppo,Khafsa" + i + ",");
            assertFalse(row.equals(lines[1]), "the template row names Jebel Saman");
            b.append(row.replace("SYR900001", sameId ? "SYR9" : "SYR9" + String.format("%06d", i))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String warning(int i) {
        return "admin2 'Khafsa" + i + "' is not in the gazetteer under SY02 (Aleppo): the place is kept at admin1 level";
    }

    JsonNode get(String id) {
        LambdaEvents.Reply r = LambdaEvents.request("GET", "/v1/imports/" + id).withoutHeader("content-type")
                .as("importer-sub", "reporter").send();
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void eachWarningIsListedWithItsRowAndTheName() {
        String file = new String(unknownAdmin2(4, false), StandardCharsets.UTF_8)
                + new String(sample("acled-syria.csv"), StandardCharsets.UTF_8).split("\n")[1] + "\n";
        String id = newImport("acled");
        assertEquals("DONE", runImport(id, file.getBytes(StandardCharsets.UTF_8)));
        JsonNode j = get(id);
        assertEquals(5, j.path("created").asLong(), j.toString());
        assertEquals(4, j.path("warnings").asLong(), "the count is as the contract has it");
        JsonNode list = j.path("warningList");
        assertEquals(4, list.size(), j.toString());
        for (int i = 1; i <= 4; i++) {
            JsonNode w = list.path(i - 1);
            assertEquals(i, w.path("row").asLong());
            assertEquals(warning(i), w.path("message").asText());
            assertFalse(w.has("field"), "the domain's warnings name no field");
        }
        assertEquals(0, j.path("errors").size());
    }

    /**
     * 1,500 warned rows: 1,000 listed, 1,500 counted. One id throughout, so that only the first row
     * writes; chunks that only read are recorded by time (here: never), and their warnings go into
     * the final write. The requests are those of the same file without warnings: the progress writes
     * that add listed warnings are TransactWriteItems instead of UpdateItems, one for one.
     */
    @Test
    void aThousandOfFifteenHundredWarningsAreListedAndAllCounted() {
        settings.recordEvery(Duration.ofHours(1));
        String id = newImport("acled");
        calls.reset();
        assertEquals("DONE", runImport(id, unknownAdmin2(1500, true)));
        // claim; gazetteer Query; 15 BatchGetItems; the first row's create; chunk 1 (it wrote) recorded
        // with its 100 warnings; the final write with the other 900 listed.
        assertEquals(Map.of("UpdateItem", 1L, "Query", 1L, "BatchGetItem", 15L, "TransactWriteItems", 3L),
                calls.snapshot());
        JsonNode j = get(id);
        assertEquals(1500, j.path("rows").asLong());
        assertEquals(1, j.path("created").asLong());
        assertEquals(1499, j.path("unchanged").asLong());
        assertEquals(1500, j.path("warnings").asLong());
        JsonNode list = j.path("warningList");
        assertEquals(ImportJob.MAX_WARNINGS, list.size());
        for (int i = 1; i <= ImportJob.MAX_WARNINGS; i++) {
            assertEquals(i, list.path(i - 1).path("row").asLong());
            assertEquals(warning(i), list.path(i - 1).path("message").asText());
        }
        ImportJob stored = job(id);
        assertEquals(ImportJob.MAX_WARNINGS, stored.progress().warningsListed());
    }

    /**
     * The invocation dies at chunk 2's progress write, after its rows were written; Lambda's retry
     * resumes after chunk 1. Chunk 1's warnings were stored with its progress, chunk 2's were not:
     * every row's warning is listed exactly once, in row order.
     */
    @Test
    void aResumedImportListsEachWarningOnce() {
        Duration lease = settings.lease();
        try {
            settings.lease(Duration.ofSeconds(2));
            String id = newImport("acled");
            upload(id, unknownAdmin2(150, false));
            // 100 creates, chunk 1's record, 50 creates: the next TransactWriteItems is chunk 2's record.
            faults.armValidationError(151, "TransactWriteItems", 1);
            assertThrows(AssertionError.class, () -> send(s3Event(Uploads.key(id))), "the invocation failed");
            assertEquals(1, faults.fired());
            faults.disarm();
            ImportJob dead = job(id);
            assertEquals(101, dead.progress().nextRow(), "chunk 1 was recorded");
            assertEquals(100, dead.listed().warnings().size());
            sleep(2500);
            assertEquals("DONE", send(s3Event(Uploads.key(id))).path("imports").path(0).path("result").asText());
            JsonNode j = get(id);
            assertEquals(150, j.path("rows").asLong());
            assertEquals(150, j.path("warnings").asLong());
            // Chunk 2's rows were written before the invocation died: the resumed one counts them created.
            assertEquals(150, j.path("created").asLong(), j.toString());
            assertEquals(0, j.path("unchanged").asLong());
            JsonNode list = j.path("warningList");
            assertEquals(LongStream.rangeClosed(1, 150).boxed().toList(),
                    StreamSupport.stream(list.spliterator(), false).map(w -> w.path("row").asLong()).toList());
            for (int i = 1; i <= 150; i++) {
                assertEquals(warning(i), list.path(i - 1).path("message").asText());
            }
            assertEquals(List.of(), job(id).listed().errors());
        } finally {
            settings.lease(lease);
        }
    }
}
