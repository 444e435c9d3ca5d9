package org.conflictledger.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.conflictledger.store.ImportJob;
import org.conflictledger.testing.EventFiles;
import org.conflictledger.testing.ReplaySeeds;
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

    static final String SEEDED = ReplaySeeds.IMPORT_SEEDED;
    static final String UPLOADED = ReplaySeeds.IMPORT_UPLOADED;

    static List<EventFiles.EventFile> events() {
        return EventFiles.of("import");
    }

    /** The seeds the deployed-shape replay of the packaged function uses too. */
    @BeforeEach
    void seed() {
        ReplaySeeds.imports(imports, places, clock.instant());
        upload(UPLOADED, ReplaySeeds.importSample("acled-syria.csv"));
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
