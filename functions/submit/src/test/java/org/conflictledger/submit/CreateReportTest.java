package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class CreateReportTest extends SubmitTestBase {

    @Test
    void reporterCreatesAReportInOneWriteRequest() {
        var r = create("user-1", Samples.periodTotal());
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();
        assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
        assertEquals("/v1/reports/" + id, r.header("location"));
        assertEquals("\"1\"", r.header("etag"));
        assertEquals(1, r.json().get("revision").asInt());
        assertEquals("received", r.json().get("status").asText());
        assertEquals("user-1", r.json().get("submittedBy").asText());
        assertEquals(r.json().get("receivedAt"), r.json().get("updatedAt"));
        assertEquals(255, r.json().at("/figures/0/value").asInt());
        assertEquals("Syrian Observatory for Human Rights", r.json().at("/source/name").asText());

        // One TransactWriteItems and nothing else: the target of one write request per report.
        assertEquals(Map.of("TransactWriteItems", 1L), requests.snapshot());
        // Head, immutable revision 1, feed entry, idempotency record, non-incident index.
        Set<String> prefixes = items("").stream().map(i -> i.get("pk").s().replaceAll("#.*", "#"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("R#", "F#", "I#", "N#"), prefixes);
        assertEquals(2, items("R#" + id).size());
        assertEquals(items("R#" + id).get(0).get("doc"), items("R#" + id).get(1).get("doc"));
        assertEquals("created", items("F#").get(0).get("change").s());
    }

    @Test
    void anIncidentAlsoMarksItsCountryDayForTheAggregation() {
        var r = create("user-1", Samples.incident("2024-11-28", "SY0200", 12, "Witness A"));
        assertEquals(201, r.status(), r.body());
        assertEquals(1, requests.count("TransactWriteItems"));
        var day = items("D#SYR#2024-11-28");
        assertEquals(2, day.size(), "the incident and the day's sequence item");
        var marker = items("M").get(0);
        assertEquals("SYR#2024-11-28", marker.get("sk").s());
        assertEquals("1", marker.get("pending").n());
        assertEquals(0, items("N#").size(), "an incident is not a period total");
    }

    @Test
    void unicodeTextRoundTripsByteForByte() {
        String summary = "قصف على حلب — Kurdî: Şervanên YPG — emoji 🕊️ — \\u00e9 e\u0301";
        String body = Samples.periodTotal().replace("\"Free text, any language.\"", "\"" + summary + "\"");
        var r = create("user-1", body);
        assertEquals(201, r.status(), r.body());
        String expected = r.json().get("summary").asText();
        assertEquals("قصف على حلب — Kurdî: Şervanên YPG — emoji 🕊️ — é e\u0301", expected);
        String stored = items("R#").get(0).get("doc").s();
        assertTrue(stored.contains("قصف على حلب — Kurdî: Şervanên YPG — emoji 🕊️ — é e\u0301"), stored);
    }

    @Test
    void editorsMayCreateAnalystsMayNotThePublicMustAuthenticate() {
        assertEquals(201, create("ed", Samples.periodTotal(), "editor").status());
        assertProblem(create("an", Samples.periodTotal().replace("255", "256"), "analyst"), 403);
        assertProblem(request("POST", "/v1/reports").body(Samples.periodTotal()).send(), 401);
        assertEquals(1, items("R#").size() / 2);
    }

    @Test
    void rolesComeFromListClaimsAndScopes() {
        var list = request("POST", "/v1/reports").claim("sub", "u-list").claim("cognito:groups", List.of("reporter"))
                .body(Samples.periodTotal()).send();
        assertEquals(201, list.status(), list.body());
        var scope = request("POST", "/v1/reports").claim("sub", "u-scope").claim("scope", "openid ledger-api/reporter")
                .body(Samples.periodTotal()).send();
        assertEquals(201, scope.status(), scope.body());
        var noRole = request("POST", "/v1/reports").claim("sub", "u-none").claim("scope", "openid profile")
                .body(Samples.periodTotal()).send();
        assertProblem(noRole, 403);
    }

    @Test
    void forgedClaimsInHeadersOrBodyGrantNothing() {
        var header = request("POST", "/v1/reports")
                .header("x-amzn-oidc-identity", "editor")
                .header("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiY29nbml0bzpncm91cHMiOlsiZWRpdG9yIl19.")
                .header("x-cognito-groups", "[editor]")
                .body(Samples.periodTotal()).send();
        assertProblem(header, 401);
        String body = Samples.periodTotal().replaceFirst("\\{", "{\"submittedBy\": \"someone-else\", \"status\": \"accepted\",");
        var owned = create("user-1", body);
        assertProblem(owned, 400);
        Set<String> fields = fields(owned);
        assertEquals(Set.of("submittedBy", "status"), fields);
        assertEquals(0, stored());
    }

    @Test
    void invalidReportsAreRejectedWithEveryFieldAndStoreNothing() {
        String body = Samples.periodTotal()
                .replace("\"SY02\"", "\"sy-02\"")
                .replace("\"monitor\"", "\"blogger\"");
        var r = create("user-1", body);
        assertProblem(r, 400);
        assertEquals(Set.of("source.kind"), fields(r), "type errors stop at the first field");

        String rules = Samples.periodTotal()
                .replace("\"SY02\"", "\"sy-02\"")
                .replace("\"2024-11-27\"", "\"2024-12-27\"")
                .replace("\"value\": 255", "\"value\": 10000001");
        var r2 = create("user-1", rules);
        assertProblem(r2, 400);
        assertEquals(Set.of("place.admin1", "period.end", "figures[0].value"), fields(r2));
        assertEquals(0, stored());
        assertEquals(0, requests.count("TransactWriteItems"));
    }

    @Test
    void unknownFieldsMalformedJsonAndWrongTypesAre400() {
        assertEquals(Set.of("place.district"),
                fields(create("u", Samples.periodTotal().replace("\"name\": \"Aleppo\"", "\"district\": \"x\", \"name\": \"Aleppo\""))));
        assertProblem(create("u", Samples.periodTotal().substring(0, 200)), 400);
        assertEquals(Set.of("figures[0].value"), fields(create("u", Samples.periodTotal().replace("\"value\": 255", "\"value\": \"255\""))));
        assertEquals(Set.of("figures[0].value"), fields(create("u", Samples.periodTotal().replace("\"value\": 255", "\"value\": 255.5"))));
        assertProblem(create("u", "[]"), 400);
        assertProblem(create("u", ""), 400);
        assertEquals(0, stored());
    }

    @Test
    void oversizedBodiesAre413AndWrongMediaTypesOrMethodsAreProblems() {
        String big = Samples.periodTotal().replace("Free text, any language.", "x".repeat(70_000));
        assertProblem(create("u", big), 413);
        assertProblem(request("POST", "/v1/reports").as("u", "reporter").header("content-type", "text/plain")
                .body("hello").send(), 415);
        assertProblem(request("PATCH", "/v1/reports/01JDRZ5V7N3P2Q8R4S6T8V0W2X").as("u", "reporter").body("{}").send(), 405);
        assertProblem(request("POST", "/v1/nothing-here").as("u", "reporter").body("{}").send(), 404);
        assertEquals(0, stored());
    }

    static Set<String> fields(LambdaEvents.Reply r) {
        Set<String> out = new TreeSet<>();
        r.json().path("errors").forEach(e -> out.add(e.get("field").asText()));
        assertFalse(out.isEmpty(), r.body());
        return out;
    }
}
