package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.conflictledger.store.ImportJob;
import org.conflictledger.testing.EventFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every raw event of events/import/ through the handler the template names (ImportEntry): the
 * HTTP events answer their file's status, the S3 ObjectCreated event runs its import.
 */
@QuarkusTest
@QuarkusTestResource(value = ImportMoto.class, restrictToAnnotatedClass = true)
class EventReplayTest extends ImportTestBase {

    /** The import the get-import events read, created by reporter-1. */
    static final String SEEDED = "01JEVENTS0000000000IMPORT0";
    /** The import the S3 event's key names. */
    static final String UPLOADED = "01JEVENTS0000000000UPLOAD";

    static List<EventFiles.EventFile> events() {
        return EventFiles.of("import");
    }

    @BeforeEach
    void seed() throws Exception {
        if (imports.get(SEEDED).isEmpty()) {
            imports.create(new ImportJob(SEEDED, "acled", "acled-syria.csv", null, "reporter-1",
                    ImportJob.AWAITING_UPLOAD, clock.instant(), clock.instant().plus(Duration.ofDays(365)),
                    null, null, null, 0, null, 0));
        }
        if (imports.get(UPLOADED).isEmpty()) {
            imports.create(new ImportJob(UPLOADED, "acled", "acled-syria.csv", null, "reporter-1",
                    ImportJob.AWAITING_UPLOAD, clock.instant(), clock.instant().plus(Duration.ofDays(365)),
                    null, null, null, 0, null, 0));
            upload(UPLOADED, sample("acled-syria.csv"));
        }
        places.put("SYR", new String(sample("gazetteer-SYR.csv"), StandardCharsets.UTF_8), 14, "seed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void replay(EventFiles.EventFile file) {
        JsonNode reply = send(file.read());
        if (file.read().contains("\"Records\"")) {
            JsonNode one = reply.path("imports").path(0);
            assertEquals(UPLOADED, one.path("id").asText(), reply.toString());
            assertTrue(List.of("DONE", "NOT_CLAIMED").contains(one.path("result").asText()), reply.toString());
            assertEquals(ImportJob.DONE, job(UPLOADED).status());
            return;
        }
        int status = reply.path("statusCode").asInt();
        assertEquals(file.expectedStatus(), status, file.name() + ": " + reply);
        String type = reply.path("headers").path("Content-Type").asText(reply.path("headers").path("content-type").asText());
        if (status >= 400) {
            assertEquals("application/problem+json", type, file.name());
        }
    }
}
