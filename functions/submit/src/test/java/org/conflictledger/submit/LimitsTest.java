package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** The limits sit exactly where docs/api.md puts them, and a refused request costs no storage work. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class LimitsTest extends SubmitTestBase {

    static final String REPORT = HostileCorpus.PERIOD_TOTAL;

    static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.length());
    }

    static LambdaEvents.Reply batch(String body) {
        return request("POST", "/v1/reports/batch").as("u1", "reporter").body(body).send();
    }

    static String batchOf(int n) {
        StringBuilder sb = new StringBuilder("{\"reports\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(REPORT.replace("\"value\":255", "\"value\":" + i));
        }
        return sb.append("]}").toString();
    }

    @Test
    void aReportBodyMayHave64KiBAndNotOneByteMore() {
        assertEquals(201, create("u1", padded(REPORT, 64 * 1024)).status());
        requests.reset();
        assertProblem(create("u1", padded(REPORT.replace("255", "256"), 64 * 1024 + 1)), 413);
        assertEquals(Map.of(), requests.snapshot(), "refused before any storage request");
        assertEquals(1, stored() > 0 ? items("R#").size() / 2 : 0);
    }

    @Test
    void aBatchMayHave100ReportsAndNotOneMore() {
        var ok = batch(batchOf(100));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(100, ok.json().get("results").size());
        ok.json().get("results").forEach(r -> assertEquals(201, r.get("status").asInt(), r.toString()));
        assertEquals(100, items("R#").size() / 2);
        long before = stored();
        requests.reset();
        assertProblem(batch(batchOf(101)), 413);
        assertProblem(batch("{\"reports\":[" + String.join(",", Collections.nCopies(10_000, "{}")) + "]}"), 413);
        assertEquals(Map.of(), requests.snapshot(), "refused before any storage request");
        assertEquals(before, stored());
    }

    @Test
    void aBatchBodyMayHave6MBAndNotOneByteMore() {
        String small = "{\"reports\":[" + REPORT + "]}";
        requests.reset();
        assertProblem(batch(padded(small, Submissions.MAX_BATCH_BYTES + 1)), 413);
        assertEquals(Map.of(), requests.snapshot());
        var ok = batch(padded(small, Submissions.MAX_BATCH_BYTES));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(201, ok.json().at("/results/0/status").asInt());
    }

    @Test
    void reasonsAndNotesAreBoundedToo() {
        String id = create("u1", REPORT).json().get("id").asText();
        requests.reset();
        assertProblem(request("DELETE", "/v1/reports/" + id).as("u1", "reporter")
                .body(padded("{\"reason\":\"x\"}", 64 * 1024 + 1)).send(), 413);
        assertProblem(request("POST", "/v1/reports/" + id + "/review").as("ed", "editor")
                .body(padded("{\"status\":\"accepted\"}", 64 * 1024 + 1)).send(), 413);
        assertEquals(Map.of(), requests.snapshot());
        assertEquals(2, items("R#" + id).size());
    }
}
