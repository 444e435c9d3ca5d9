package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

/**
 * externalId (docs/api.md): unique among live reports, checked inside the write's own transaction;
 * a duplicate is 409 with the holder in {@code existingId}; a retraction frees it.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class ExternalIdTest extends SubmitTestBase {

    static String withExternalId(String json, String externalId) {
        String out = json.replace("\"externalId\": null", "\"externalId\": \"" + externalId + "\"");
        if (out.equals(json)) {
            throw new IllegalArgumentException("sample without an externalId field");
        }
        return out;
    }

    static String report(String externalId) {
        return withExternalId(Samples.periodTotal(), externalId);
    }

    static LambdaEvents.Reply put(String id, String sub, int revision, String body, String... roles) {
        return request("PUT", "/v1/reports/" + id).as(sub, roles.length == 0 ? new String[] {"reporter"} : roles)
                .header("If-Match", "\"" + revision + "\"").body(body).send();
    }

    static void assertTaken(LambdaEvents.Reply r, String existingId) {
        assertProblem(r, 409);
        assertEquals("/problems/conflict", r.json().get("type").asText());
        assertEquals(existingId, r.json().get("existingId").asText(), r.body());
        assertTrue(r.json().get("detail").asText().contains(existingId), r.body());
    }

    @Test
    void aCreateStoresAndReturnsTheExternalIdInOneTransaction() {
        var r = create("u1", report("acled:SYR1"));
        assertEquals(201, r.status(), r.body());
        assertEquals("acled:SYR1", r.json().get("externalId").asText());
        assertEquals(Map.of("TransactWriteItems", 1L), requests.snapshot());
        assertEquals(r.json().get("id").asText(), items("X#acled:SYR1").get(0).get("rid").s());
        var without = create("u1", Samples.periodTotal());
        assertFalse(without.json().has("externalId"), without.body());
    }

    @Test
    void aDuplicateOfALiveReportIs409WithExistingIdAndStoresNothing() {
        String first = create("u1", report("acled:SYR2")).json().get("id").asText();
        long before = stored();
        requests.reset();
        var dup = create("u2", report("acled:SYR2").replace("Free text, any language.", "another text"));
        // The cancelled write, the check that it had not landed, the holder's uniqueness item.
        assertEquals(Map.of("TransactWriteItems", 1L, "GetItem", 2L), requests.snapshot());
        assertTaken(dup, first);
        assertEquals(before, stored());
    }

    @Test
    void aRetractionReleasesTheExternalId() {
        String first = create("u1", report("acled:SYR3")).json().get("id").asText();
        assertEquals(200, request("DELETE", "/v1/reports/" + first).as("u1", "reporter")
                .body("{\"reason\": \"duplicate\"}").send().status());
        assertTrue(items("X#acled:SYR3").isEmpty());
        var again = create("u2", report("acled:SYR3"));
        assertEquals(201, again.status(), again.body());
        assertEquals(again.json().get("id").asText(), items("X#acled:SYR3").get(0).get("rid").s());
    }

    @Test
    void aCorrectionThatChangesTheExternalIdMovesIt() {
        String id = create("u1", report("acled:SYR4")).json().get("id").asText();
        requests.reset();
        var corrected = put(id, "u1", 1, report("acled:SYR5"));
        assertEquals(200, corrected.status(), corrected.body());
        assertEquals("acled:SYR5", corrected.json().get("externalId").asText());
        assertEquals(Map.of("GetItem", 1L, "TransactWriteItems", 1L), requests.snapshot());
        assertEquals(201, create("u2", report("acled:SYR4")).status(), "the old id is free");
        assertTaken(create("u2", report("acled:SYR5")), id);
    }

    @Test
    void aCorrectionOntoAnotherLiveReportsExternalIdIs409AndChangesNothing() {
        String mine = create("u1", report("acled:SYR6")).json().get("id").asText();
        String theirs = create("u2", report("acled:SYR7")).json().get("id").asText();
        assertTaken(put(mine, "u1", 1, report("acled:SYR7")), theirs);
        assertEquals(2, items("R#" + mine).size(), "still revision 1 only");
        assertEquals(mine, items("X#acled:SYR6").get(0).get("rid").s());
    }

    @Test
    void aRejectedReportKeepsItsExternalId() {
        String id = create("u1", report("acled:SYR8")).json().get("id").asText();
        assertEquals(200, request("POST", "/v1/reports/" + id + "/review").as("ed", "editor")
                .body("{\"status\": \"rejected\", \"note\": \"no such event\"}").send().status());
        assertTaken(create("u2", report("acled:SYR8")), id);
        assertEquals(200, put(id, "ed", 2, report("acled:SYR8"), "editor").status());
        assertEquals("received", items("X#acled:SYR8").get(0).get("status").s());
        assertEquals("3", items("X#acled:SYR8").get(0).get("rev").n());
    }

    @Test
    void aBatchStoresTheOthersAndAnswers409PerDuplicate() {
        String live = create("u1", report("acled:SYR9")).json().get("id").asText();
        requests.reset();
        var r = BatchTest.batch("ext-1", BatchTest.batchOf(report("acled:SYR10"), report("acled:SYR10"),
                report("acled:SYR9"), Samples.periodTotal()));
        assertEquals(200, r.status(), r.body());
        var results = r.json().get("results");
        assertEquals(201, results.get(0).get("status").asInt(), r.body());
        String stored = results.get(0).get("id").asText();
        assertEquals(409, results.get(1).get("status").asInt(), r.body());
        assertEquals(stored, results.get(1).get("existingId").asText(), "a duplicate within the batch");
        assertEquals("externalId", results.get(1).at("/errors/0/field").asText(), r.body());
        assertEquals(409, results.get(2).get("status").asInt(), r.body());
        assertEquals(live, results.get(2).get("existingId").asText(), "a duplicate of a live report");
        assertEquals(201, results.get(3).get("status").asInt(), r.body());
        assertEquals(3, items("R#").size() / 2);
        var again = BatchTest.batch("ext-1", BatchTest.batchOf(report("acled:SYR10"), report("acled:SYR10"),
                report("acled:SYR9"), Samples.periodTotal()));
        assertEquals(r.json(), again.json(), "a retried batch answers the same and stores nothing more");
        assertEquals(3, items("R#").size() / 2);
    }

    @Test
    void anInvalidExternalIdIs400() {
        var r = create("u1", report("x".repeat(129)));
        assertProblem(r, 400);
        assertEquals("externalId", r.json().at("/errors/0/field").asText(), r.body());
        assertProblem(create("u1", report("caf\u00e9")), 400);
        assertEquals(0, stored());
    }
}
