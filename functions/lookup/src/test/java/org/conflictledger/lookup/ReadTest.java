package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.FaultInjector;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class ReadTest extends LookupTestBase {

    @Test
    void theLatestRevisionInOneGetItem() {
        var r = get("/v1/reports/" + Fixtures.B, null).as("ed", "editor").send();
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("application/json"));
        assertEquals("\"2\"", r.header("etag"));
        assertEquals(2, r.json().get("revision").asInt());
        assertEquals(256, r.json().at("/figures/0/value").asInt(), "the correction");
        assertEquals("rep-2", r.json().get("submittedBy").asText());
        assertEquals(Map.of("GetItem", 1L), requests.snapshot());
    }

    @Test
    void aGivenRevisionInOneGetItemForAFullView() {
        var r = get("/v1/reports/" + Fixtures.B, "revision=1").as("ed", "editor").send();
        assertEquals(200, r.status(), r.body());
        assertEquals("\"1\"", r.header("etag"));
        assertEquals(1, r.json().get("revision").asInt());
        assertEquals(255, r.json().at("/figures/0/value").asInt());
        assertEquals(Map.of("GetItem", 1L), requests.snapshot());
    }

    @Test
    void aRedactedOlderRevisionAlsoReadsTheHead() {
        // Its redaction follows the strictest of its own and the current rules (issue 12 item 3).
        var r = get("/v1/reports/" + Fixtures.B, "revision=1").send();
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("revision").asInt());
        assertEquals(255, r.json().at("/figures/0/value").asInt());
        assertEquals(Map.of("GetItem", 2L), requests.snapshot());
        requests.reset();
        assertEquals(200, get("/v1/reports/" + Fixtures.B, "revision=2").send().status());
        assertEquals(Map.of("GetItem", 2L), requests.snapshot());
    }

    @Test
    void unknownIdsAndRevisions() {
        assertProblem(get("/v1/reports/" + Fixtures.id(99), null).send(), 404);
        assertProblem(get("/v1/reports/" + Fixtures.B, "revision=3").send(), 404);
        assertProblem(get("/v1/reports/" + Fixtures.id(99) + "/revisions", null).send(), 404);
        assertEquals(Map.of("GetItem", 3L), requests.snapshot(), "an unknown id's revisions: its head only");
        requests.reset();
        assertProblem(get("/v1/reports/not-an-id", null).send(), 404);
        for (String bad : List.of("0", "-1", "one", "1.0", "", "99999999999")) {
            assertProblem(get("/v1/reports/" + Fixtures.B, "revision=" + bad).send(), 400);
        }
        assertEquals(0, requests.total(), "malformed ids and revisions read nothing");
    }

    @Test
    void revisionsOldestFirstInOneGetItemAndOneQuery() {
        var r = get("/v1/reports/" + Fixtures.C + "/revisions", null).as("an", "analyst").send();
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("items").size());
        assertEquals(1, r.json().at("/items/0/revision").asInt());
        assertEquals("received", r.json().at("/items/0/status").asText());
        assertEquals(2, r.json().at("/items/1/revision").asInt());
        assertEquals("retracted", r.json().at("/items/1/status").asText());
        assertEquals("wrong governorate", r.json().at("/items/1/statusNote").asText());
        assertTrue(r.json().get("nextCursor").isNull());
        assertEquals(Map.of("GetItem", 1L, "Query", 1L), requests.snapshot());
    }

    @Test
    void unicodeRoundTripsByteForByte() {
        var r = get("/v1/reports/" + Fixtures.A, null).as("ed", "editor").send();
        assertEquals("غارة جوية على حي سكني، \"مقتل\" 12 مدنياً", r.json().get("summary").asText());
        assertEquals("شاهد عيان", r.json().at("/source/name").asText());
        assertEquals("حلب", r.json().at("/place/name").asText());
    }

    @Test
    void onlyJsonHere() {
        assertProblem(get("/v1/reports/" + Fixtures.A, null).header("Accept", "text/csv").send(), 406);
        assertProblem(get("/v1/reports/" + Fixtures.A, null).header("Accept", "application/xml").send(), 406);
        assertEquals(200, get("/v1/reports/" + Fixtures.A, null).header("Accept", "application/*").send().status());
    }

    @Test
    void writesAreNotRoutedHere() {
        assertProblem(LambdaEvents.request("PUT", "/v1/reports/" + Fixtures.A)
                .as("ed", "editor").body("{}").send(), 405);
    }

    @Test
    void storageTroubleIs503WithRetryAfter() {
        faults.arm(FaultInjector.Fault.THROTTLE, "GetItem", 10);
        var r = get("/v1/reports/" + Fixtures.A, null).send();
        assertProblem(r, 503);
        assertEquals("2", r.header("retry-after"));
        faults.disarm();
    }
}
