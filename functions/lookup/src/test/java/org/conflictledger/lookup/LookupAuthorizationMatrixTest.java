package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * Every read route and format × every kind of caller, in one table: the status and exactly the
 * view docs/api.md gives that caller (public never sees submittedBy, a protected source's name or url,
 * or an exact / near point; a reporter sees own reports in full only; editors and analysts all).
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class LookupAuthorizationMatrixTest extends LookupTestBase {

    /** A kind of caller: how its request is dressed, whose view it must get (null: 401). */
    record Caller(String name, String view) {
    }

    static final List<Caller> CALLERS = List.of(
            new Caller("public", "public"),
            new Caller("reporter on own (rep-1, claims)", "rep-1"),
            new Caller("reporter on others' (rep-2, claims)", "rep-2"),
            new Caller("reporter rep-1 by bearer token", "rep-1"),
            new Caller("editor", "editor"),
            new Caller("analyst", "analyst"),
            new Caller("analyst by bearer token", "analyst"),
            new Caller("forged claims in headers", "public"),
            new Caller("forged claims in the body", "public"),
            new Caller("reporter with forged editor headers", "rep-2"),
            new Caller("invalid bearer token", null));

    static final List<String> FORMATS = List.of("report JSON", "report revision 1", "revisions", "search JSON",
            "search CSV", "search GeoJSON", "change feed", "figures", "figures daily");

    LambdaEvents.Builder request(String format) {
        return switch (format) {
            case "report JSON" -> get("/v1/reports/" + Fixtures.A, null);
            case "report revision 1" -> get("/v1/reports/" + Fixtures.A, "revision=1");
            case "revisions" -> get("/v1/reports/" + Fixtures.A + "/revisions", null);
            case "search JSON" -> get("/v1/reports", window("country=SYR"));
            case "search CSV" -> get("/v1/reports", window("country=SYR")).header("Accept", "text/csv");
            case "search GeoJSON" -> get("/v1/reports", window("country=SYR")).header("Accept", "application/geo+json");
            case "change feed" -> get("/v1/changes", "since=2024-01-01T00:00:00Z");
            case "figures" -> get("/v1/figures", window("country=SYR&admin1=SY02"));
            case "figures daily" -> get("/v1/figures/daily", window("country=SYR&admin1=SY02"));
            default -> throw new IllegalArgumentException(format);
        };
    }

    LambdaEvents.Builder dress(LambdaEvents.Builder b, Caller c) {
        Map<String, String> forged = Map.of("x-forwarded-user", "ed-1", "x-cognito-groups", "[editor]",
                "x-amzn-oidc-identity", "ed-1", "x-apigateway-event",
                "{\"requestContext\":{\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"ed-1\",\"cognito:groups\":\"[editor]\"}}}}}",
                "cookie", "sub=ed-1; role=editor");
        return switch (c.name()) {
            case "public" -> b;
            case "reporter on own (rep-1, claims)" -> b.as("rep-1", "reporter");
            case "reporter on others' (rep-2, claims)" -> b.as("rep-2", "reporter");
            case "reporter rep-1 by bearer token" -> b.header("Authorization",
                    "Bearer " + token("rep-1", JwtKeys.PRIVATE_KEY, "reporter"));
            case "editor" -> b.as("ed-1", "editor");
            case "analyst" -> b.as("an-1", "analyst");
            case "analyst by bearer token" -> b.header("Authorization",
                    "Bearer " + token("an-1", JwtKeys.PRIVATE_KEY, "analyst"));
            case "forged claims in headers" -> {
                forged.forEach(b::header);
                yield b;
            }
            case "forged claims in the body" -> b.body("{\"sub\":\"ed-1\",\"cognito:groups\":[\"editor\"],"
                    + "\"submittedBy\":\"rep-1\",\"role\":\"editor\"}");
            case "reporter with forged editor headers" -> {
                forged.forEach(b::header);
                yield b.as("rep-2", "reporter");
            }
            case "invalid bearer token" -> b.header("Authorization",
                    "Bearer " + token("ed-1", JwtKeys.OTHER_PRIVATE_KEY, "editor"));
            default -> throw new IllegalArgumentException(c.name());
        };
    }

    @Test
    void everyRouteFormatAndCaller() {
        String publicFeed = request("change feed").send().body();
        String publicFigures = request("figures").send().body();
        String publicDaily = request("figures daily").send().body();
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (String format : FORMATS) {
            for (Caller c : CALLERS) {
                cells++;
                requests.reset();
                var r = dress(request(format), c).send();
                String what = format + " | " + c.name();
                try {
                    if (c.view() == null) {
                        assertProblem(r, 401);
                        assertEquals(0, requests.total(), "nothing read for an unverified caller");
                    } else {
                        assertEquals(200, r.status(), r.body());
                        check(format, c.view(), r, publicFeed, publicFigures, publicDaily);
                    }
                    System.out.printf("authorization | %-18s | %-40s | %d | ok%n", format, c.name(), r.status());
                } catch (AssertionError e) {
                    failures.add(what + ": " + e.getMessage());
                    System.out.printf("authorization | %-18s | %-40s | %d | FAILED%n", format, c.name(), r.status());
                }
                assertEquals(0, LookupHostileTest.WRITES.stream().mapToLong(requests::count).sum(), what);
            }
        }
        System.out.printf("lookup authorization matrix: %d cells, %d failures%n", cells, failures.size());
        assertEquals(FORMATS.size() * CALLERS.size(), cells);
        assertEquals(List.of(), failures);
    }

    static void check(String format, String view, LambdaEvents.Reply r, String publicFeed, String publicFigures,
                      String publicDaily) {
        switch (format) {
            case "report JSON", "report revision 1" -> RedactionTest.assertView(r.json(), view);
            case "revisions" -> {
                assertEquals(2, r.json().get("items").size());
                r.json().get("items").forEach(i -> RedactionTest.assertView(i, view));
            }
            case "search JSON" -> {
                assertEquals(8, r.json().get("items").size());
                r.json().get("items").forEach(i -> RedactionTest.assertView(i, view));
            }
            case "search CSV" -> csv(r, view);
            case "search GeoJSON" -> {
                Set<String> expected = new TreeSet<>();
                for (String id : Fixtures.ALEPPO_WINDOW) {
                    if ((RedactionTest.POINTS.contains(id) && RedactionTest.full(view, id))
                            || RedactionTest.AREA_COORDINATES.contains(id)) {
                        expected.add(id);
                    }
                }
                Set<String> got = new TreeSet<>();
                for (JsonNode f : r.json().get("features")) {
                    got.add(f.get("id").asText());
                    RedactionTest.assertView(RedactionTest.withPoint(f), view);
                }
                assertEquals(expected, got);
            }
            // Feed entries and figures name no submitter and no source: the same for everyone.
            case "change feed" -> {
                assertEquals(publicFeed, r.body());
                assertFalse(r.body().contains("rep-"));
            }
            case "figures" -> {
                assertEquals(publicFigures, r.body());
                noSubmitterNorProtectedSource(r.body());
            }
            case "figures daily" -> {
                assertEquals(publicDaily, r.body());
                noSubmitterNorProtectedSource(r.body());
            }
            default -> throw new IllegalArgumentException(format);
        }
    }

    static void noSubmitterNorProtectedSource(String body) {
        for (String s : List.of("rep-1", "rep-2", "rep-3", "شاهد عيان", "OCHA partner", "Witness K", "36.2021")) {
            assertFalse(body.contains(s), s + " in " + body);
        }
    }

    static void csv(LambdaEvents.Reply r, String view) {
        List<List<String>> rows = Csv.parse(r.body());
        assertEquals(2 + 8, rows.size());
        List<String> names = rows.get(0);
        for (List<String> row : rows.subList(2, rows.size())) {
            Map<String, String> cell = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                cell.put(names.get(i), row.get(i));
            }
            String id = cell.get("id");
            boolean full = RedactionTest.full(view, id);
            assertEquals(full ? Fixtures.OWNERS.get(id) : "", cell.get("submittedBy"), id);
            boolean sourceShown = full || !RedactionTest.PROTECTED.contains(id);
            assertEquals(sourceShown, !cell.get("sourceName").isEmpty(), id);
            assertEquals(sourceShown, !cell.get("sourceUrl").isEmpty(), id);
            boolean coords = (full || !RedactionTest.POINTS.contains(id))
                    && (RedactionTest.POINTS.contains(id) || RedactionTest.AREA_COORDINATES.contains(id));
            assertEquals(coords, !cell.get("lat").isEmpty(), id);
            assertEquals(coords, !cell.get("lon").isEmpty(), id);
        }
    }
}
