package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class BatchTest extends SubmitTestBase {

    static LambdaEvents.Reply batch(String key, String body) {
        var b = request("POST", "/v1/reports/batch").as("u1", "reporter").body(body);
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.send();
    }

    static String batchOf(String... reports) {
        return "{\"reports\": [" + String.join(",", reports) + "]}";
    }

    @Test
    void validItemsAreStoredInvalidOnesReportedPerIndex() {
        String bad = Samples.periodTotal().replace("\"SY02\"", "\"XX\"").replace("\"SYR\"", "\"syr\"");
        var r = batch("b1", batchOf(Samples.periodTotal(), bad, Samples.incident("2024-11-28", "SY0200", 3, "W")));
        assertEquals(200, r.status(), r.body());
        var results = r.json().get("results");
        assertEquals(3, results.size());
        assertEquals(0, results.get(0).get("index").asInt());
        assertEquals(201, results.get(0).get("status").asInt());
        assertTrue(results.get(0).get("id").asText().matches("[0-9A-Z]{26}"));
        assertEquals(400, results.get(1).get("status").asInt());
        assertEquals("place.country", results.get(1).at("/errors/0/field").asText(), r.body());
        assertEquals(201, results.get(2).get("status").asInt());
        assertEquals(2, items("R#").size() / 2);
        assertEquals(2, requests.count("TransactWriteItems") - 1, "one write per stored report, plus the batch record");
    }

    @Test
    void aRetriedBatchDuplicatesNothing() {
        String body = batchOf(Samples.periodTotal(), Samples.incident("2024-11-28", "SY0200", 3, "W"));
        var first = batch("b2", body);
        var again = batch("b2", body);
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("idempotent-replayed"));
        assertEquals(2, items("R#").size() / 2);
        assertProblem(batch("b2", batchOf(Samples.periodTotal())), 422);
        var noKey = batch(null, body);
        var noKeyAgain = batch(null, body);
        assertEquals(noKey.json(), noKeyAgain.json());
        assertEquals(4, items("R#").size() / 2, "a key-less batch is new once, then replayed");
    }

    @Test
    void limitsAndShapes() {
        String[] many = Collections.nCopies(101, Samples.periodTotal()).toArray(new String[0]);
        assertProblem(batch("b3", batchOf(many)), 413);
        assertProblem(batch("b4", "{\"reports\": {}}"), 400);
        assertProblem(batch("b5", "{\"reports\": [], \"extra\": 1}"), 400);
        assertProblem(batch("b6", "[]"), 400);
        assertEquals(0, stored());
        String big = Samples.periodTotal().replace("Free text, any language.", "x".repeat(66_000));
        var r = batch("b7", batchOf(big, Samples.periodTotal()));
        assertEquals(413, r.json().at("/results/0/status").asInt(), r.body());
        assertEquals(201, r.json().at("/results/1/status").asInt(), r.body());
        var empty = batch("b8", batchOf());
        assertEquals(0, empty.json().get("results").size());
    }

    @Test
    void batchesFollowTheSameRolesAsSingleReports() {
        assertProblem(request("POST", "/v1/reports/batch").body(batchOf(Samples.periodTotal())).send(), 401);
        assertProblem(request("POST", "/v1/reports/batch").as("a", "analyst").body(batchOf(Samples.periodTotal())).send(), 403);
        assertEquals(0, stored());
    }
}
