package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class CorrectionTest extends SubmitTestBase {

    static final String CORRECTED = Samples.periodTotal().replace("\"value\": 255", "\"value\": 260");

    static LambdaEvents.Reply put(String id, String sub, String ifMatch, String body, String... roles) {
        var b = request("PUT", "/v1/reports/" + id).as(sub, roles.length == 0 ? new String[] {"reporter"} : roles).body(body);
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return b.send();
    }

    String created() {
        return create("owner", Samples.periodTotal()).json().get("id").asText();
    }

    @Test
    void aCorrectionMakesTheNextRevisionAndKeepsEveryRevision() {
        String id = created();
        requests.reset();
        var r = put(id, "owner", "\"1\"", CORRECTED);
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().get("revision").asInt());
        assertEquals("\"2\"", r.header("etag"));
        assertEquals(260, r.json().at("/figures/0/value").asInt());
        assertEquals("received", r.json().get("status").asText());
        assertTrue(r.json().get("updatedAt").asText().compareTo(r.json().get("receivedAt").asText()) >= 0);
        // A consistent read of the head, then one transaction.
        assertEquals(Map.of("GetItem", 1L, "TransactWriteItems", 1L), requests.snapshot());
        assertEquals(3, items("R#" + id).size(), "head and revisions 1 and 2");
        assertEquals(List.of("corrected", "created"), items("F#").stream().map(i -> i.get("change").s()).sorted().toList());
        assertEquals(200, put(id, "owner", "W/\"2\"", Samples.periodTotal()).status(), "weak and strong tags both name a revision");
    }

    @Test
    void preconditions() {
        String id = created();
        assertProblem(put(id, "owner", null, CORRECTED), 428);
        assertProblem(put(id, "owner", "\"7\"", CORRECTED), 412);
        assertProblem(put(id, "owner", "\"abc\"", CORRECTED), 400);
        assertEquals(200, put(id, "owner", "\"1\"", CORRECTED).status());
        assertProblem(put(id, "owner", "\"1\"", Samples.periodTotal()), 412);
        assertEquals(3, items("R#" + id).size());
    }

    @Test
    void ownershipAndRoles() {
        String id = created();
        assertProblem(put(id, "someone-else", "\"1\"", CORRECTED), 403);
        assertProblem(put(id, "an", "\"1\"", CORRECTED, "analyst"), 403);
        assertProblem(request("PUT", "/v1/reports/" + id).header("If-Match", "\"1\"").body(CORRECTED).send(), 401);
        var editor = put(id, "ed", "\"1\"", CORRECTED, "editor");
        assertEquals(200, editor.status(), editor.body());
        assertEquals("owner", editor.json().get("submittedBy").asText(), "the submitter stays the owner");
    }

    @Test
    void unknownIdsAndBadBodies() {
        assertProblem(put("01JDRZ5V7N3P2Q8R4S6T8V0W2X", "owner", "\"1\"", CORRECTED), 404);
        assertProblem(put("not-an-id", "owner", "\"1\"", CORRECTED), 404);
        String id = created();
        assertProblem(put(id, "owner", "\"1\"", "{\"scope\": \"incident\"}"), 400);
        assertProblem(put(id, "owner", "\"1\"", Samples.periodTotal().replaceFirst("\\{", "{\"revision\": 2,")), 400);
        assertEquals(2, items("R#" + id).size(), "nothing changed");
    }

    @Test
    void movingAnIncidentToAnotherDayMarksBothDays() {
        String id = create("owner", Samples.incident("2024-11-28", "SY0200", 5, "W")).json().get("id").asText();
        var r = put(id, "owner", "\"1\"", Samples.incident("2024-11-27", "SY0200", 5, "W"));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("SYR#2024-11-27", "SYR#2024-11-28"), items("M").stream().map(i -> i.get("sk").s()).sorted().toList());
        assertEquals(List.of("#META"), items("D#SYR#2024-11-28").stream().map(i -> i.get("sk").s()).toList());
        assertEquals(2, items("D#SYR#2024-11-27").size());
    }

    @Test
    void concurrentCorrectionsWithTheSameRevisionHaveOneWinner() throws Exception {
        String id = created();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<LambdaEvents.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = Samples.periodTotal().replace("\"value\": 255", "\"value\": " + (300 + i));
                calls.add(() -> put(id, "owner", "\"1\"", body));
            }
            int ok = 0;
            int stale = 0;
            for (Future<LambdaEvents.Reply> f : pool.invokeAll(calls)) {
                int s = f.get().status();
                ok += s == 200 ? 1 : 0;
                stale += s == 412 ? 1 : 0;
            }
            assertEquals(1, ok);
            assertEquals(7, stale);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, items("R#" + id).size());
    }
}
