package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class RetractAndReviewTest extends SubmitTestBase {

    static LambdaEvents.Reply retract(String id, String sub, String body, String... roles) {
        return request("DELETE", "/v1/reports/" + id).as(sub, roles.length == 0 ? new String[] {"reporter"} : roles)
                .body(body).send();
    }

    static LambdaEvents.Reply review(String id, String sub, String body, String... roles) {
        return request("POST", "/v1/reports/" + id + "/review").as(sub, roles.length == 0 ? new String[] {"editor"} : roles)
                .body(body).send();
    }

    String incident() {
        return create("owner", Samples.incident("2024-11-28", "SY0200", 5, "W")).json().get("id").asText();
    }

    @Test
    void aRetractionIsANewRevisionThatLeavesTheAggregation() {
        String id = incident();
        var r = retract(id, "owner", "{\"reason\": \"duplicate of another report\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("retracted", r.json().get("status").asText());
        assertEquals(2, r.json().get("revision").asInt());
        assertEquals("duplicate of another report", r.json().get("statusNote").asText());
        assertEquals(1, items("D#SYR#2024-11-28").size(), "only the day's sequence item is left");
        assertEquals("2", items("M").get(0).get("pending").n());
        assertEquals(3, items("R#" + id).size());
        assertProblem(retract(id, "owner", "{\"reason\": \"again\"}"), 409);
        assertProblem(request("PUT", "/v1/reports/" + id).as("owner", "reporter").header("If-Match", "\"2\"")
                .body(Samples.incident("2024-11-28", "SY0200", 5, "W")).send(), 409);
    }

    @Test
    void retractionRules() {
        String id = incident();
        assertProblem(retract(id, "owner", "{}"), 400);
        assertProblem(retract(id, "owner", "{\"reason\": \"  \"}"), 400);
        assertProblem(retract(id, "owner", "{\"reason\": \"x\", \"status\": \"accepted\"}"), 400);
        assertProblem(retract(id, "other", "{\"reason\": \"mine now\"}"), 403);
        assertProblem(retract(id, "an", "{\"reason\": \"x\"}", "analyst"), 403);
        assertProblem(request("DELETE", "/v1/reports/" + id).body("{\"reason\": \"x\"}").send(), 401);
        assertProblem(request("DELETE", "/v1/reports/" + id).as("owner", "reporter").header("If-Match", "\"5\"")
                .body("{\"reason\": \"x\"}").send(), 412);
        assertEquals(2, items("R#" + id).size(), "still revision 1 only");
        assertEquals(200, retract(id, "ed", "{\"reason\": \"editor's call\"}", "editor").status());
    }

    @Test
    void editorsReview() {
        String id = incident();
        var r = review(id, "ed", "{\"status\": \"accepted\", \"note\": \"checked against two sources\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("accepted", r.json().get("status").asText());
        assertEquals(2, r.json().get("revision").asInt());
        assertEquals("checked against two sources", r.json().get("statusNote").asText());
        assertEquals("reviewed", items("F#").stream().map(i -> i.get("change").s()).filter("reviewed"::equals)
                .findFirst().orElseThrow());
        var rejected = review(id, "ed", "{\"status\": \"rejected\"}");
        assertEquals(3, rejected.json().get("revision").asInt());
        assertEquals(1, items("D#SYR#2024-11-28").size(), "a rejected incident leaves the day");
        var reaccepted = review(id, "ed", "{\"status\": \"accepted\"}");
        assertEquals(4, reaccepted.json().get("revision").asInt());
        assertEquals(2, items("D#SYR#2024-11-28").size(), "and comes back when accepted again");
    }

    /** Issue 12 item 6: the owner PUT the same body back and a rejected 9,999,999-killed report counted again. */
    @Test
    void anEditorsRejectionStandsAgainstTheOwner() {
        String body = Samples.incident("2024-11-28", "SY0200", 9_999_999, "W");
        String id = create("owner", body).json().get("id").asText();
        var rejected = review(id, "ed", "{\"status\": \"rejected\", \"note\": \"no source confirms this\"}");
        assertEquals(200, rejected.status(), rejected.body());
        assertEquals(1, items("D#SYR#2024-11-28").size(), "a rejected incident leaves the day");

        var put = request("PUT", "/v1/reports/" + id).as("owner", "reporter").header("If-Match", "\"2\"")
                .body(body).send();
        assertProblem(put, 409);
        assertEquals("/problems/conflict", put.json().get("type").asText());
        assertTrue(put.json().get("detail").asText().contains("only an editor"), put.body());
        assertProblem(retract(id, "owner", "{\"reason\": \"withdrawn\"}"), 409);

        var head = items("R#" + id).stream().filter(i -> i.get("sk").s().equals("HEAD")).findFirst().orElseThrow();
        assertEquals("rejected", head.get("status").s());
        assertEquals(3, items("R#" + id).size(), "head and two revisions: nothing stored by the refused changes");
        assertEquals(1, items("D#SYR#2024-11-28").size(), "still out of the figures");
        String review = items("R#" + id).stream().filter(i -> i.get("sk").s().endsWith("0000000002"))
                .findFirst().orElseThrow().get("doc").s();
        assertTrue(review.contains("\"status\":\"rejected\"") && review.contains("no source confirms this"), review);

        // An editor still can: correct it (back to received, in the figures again), or retract it.
        var byEditor = request("PUT", "/v1/reports/" + id).as("ed2", "editor").header("If-Match", "\"2\"")
                .body(Samples.incident("2024-11-28", "SY0200", 9, "W")).send();
        assertEquals(200, byEditor.status(), byEditor.body());
        assertEquals("received", byEditor.json().get("status").asText());
        assertEquals(2, items("D#SYR#2024-11-28").size());
        // And once it is no longer rejected, its owner may change it again.
        assertEquals(200, retract(id, "owner", "{\"reason\": \"withdrawn\"}").status());
    }

    @Test
    void reviewRules() {
        String id = incident();
        assertProblem(review(id, "rep", "{\"status\": \"accepted\"}", "reporter"), 403);
        assertProblem(review(id, "an", "{\"status\": \"accepted\"}", "analyst"), 403);
        assertProblem(request("POST", "/v1/reports/" + id + "/review").body("{\"status\": \"accepted\"}").send(), 401);
        assertProblem(review(id, "ed", "{\"status\": \"retracted\"}"), 400);
        assertProblem(review(id, "ed", "{\"status\": \"received\"}"), 400);
        assertProblem(review(id, "ed", "{\"status\": \"great\"}"), 400);
        assertProblem(review(id, "ed", "{\"note\": \"no status\"}"), 400);
        assertProblem(review(id, "ed", "{\"status\": \"accepted\", \"by\": \"me\"}"), 400);
        assertProblem(review("01JDRZ5V7N3P2Q8R4S6T8V0W2X", "ed", "{\"status\": \"accepted\"}"), 404);
        assertEquals(2, items("R#" + id).size());
        retract(id, "owner", "{\"reason\": \"gone\"}");
        assertProblem(review(id, "ed", "{\"status\": \"accepted\"}"), 409);
    }
}
