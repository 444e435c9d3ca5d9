package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.WireHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responses over the HTTP bridge's 8 KiB buffer, as a strict client sees them (issue 11): they used
 * to carry {@code transfer-encoding: ""} and no length (Node: "Empty Transfer-Encoding"; curl hung
 * after 8,192 bytes on the local port), Vary came out with a stray space, and a request's
 * {@code Connection: close} came back in the Lambda response.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class WireTest extends LookupTestBase {

    private static final String SEARCH = window("admin1=SY02") + "&limit=100";

    @BeforeEach
    void manyReports() {
        for (int i = 0; i < 40; i++) {
            write(store, Fixtures.id(200 + i), "2024-11-28", "2024-11-28");
        }
    }

    @Test
    void aLargeSearchPageAsTheRawLambdaResponse() {
        JsonNode r = WireHeaders.lambda(get("/v1/reports", SEARCH).header("connection", "close").event().toString());
        assertEquals(200, r.path("statusCode").asInt(), r.toString());
        assertTrue(WireHeaders.body(r).length > 8192, "over the bridge's buffer: " + WireHeaders.body(r).length);
        WireHeaders.assertClean(r);
    }

    @Test
    void largeResponsesOfEveryKindAsRawLambdaResponses() {
        var csv = WireHeaders.lambda(get("/v1/reports", SEARCH).header("accept", "text/csv").event().toString());
        var geo = WireHeaders.lambda(get("/v1/reports", SEARCH).header("accept", "application/geo+json").event().toString());
        var changes = WireHeaders.lambda(get("/v1/changes", "since=2024-01-01T00:00:00Z&limit=100").event().toString());
        assertEquals(200, csv.path("statusCode").asInt(), csv.path("headers").toString());
        assertTrue(WireHeaders.body(csv).length > 8192, csv.path("headers").toString());
        WireHeaders.assertClean(csv);
        for (JsonNode r : new JsonNode[] {geo, changes}) {
            assertEquals(200, r.path("statusCode").asInt(), r.toString());
            WireHeaders.assertClean(r);
        }
        // A problem and a public 404 too (small, but the same rules).
        WireHeaders.assertClean(WireHeaders.lambda(get("/v1/reports/" + Fixtures.id(999), null).event().toString()));
        WireHeaders.assertClean(WireHeaders.lambda(get("/v1/reports", "limit=x").event().toString()));
    }

    @Test
    void aLargeSearchPageThroughTheLocalPort() {
        var reply = WireHeaders.http("GET", "/v1/reports?" + SEARCH, Map.of("Accept", "application/json"));
        assertEquals(200, reply.status(), reply.headerLines().toString());
        assertTrue(reply.body().length > 8192);
        WireHeaders.assertClean(reply);
        assertTrue(reply.values("vary").contains("Authorization"), reply.headerLines().toString());
        assertTrue(new LambdaEvents.Reply(200, Map.of(), reply.text()).json().get("items").size() >= 40,
                "the whole body arrived and parses");
        var csv = WireHeaders.http("GET", "/v1/reports?" + SEARCH, Map.of("Accept", "text/csv"));
        assertEquals(200, csv.status());
        assertTrue(csv.body().length > 8192);
        WireHeaders.assertClean(csv);
    }
}
