package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every role on every read route and format: exactly docs/api.md's redacted and full views. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class RedactionTest extends LookupTestBase {

    /** Sources with protected: true. */
    static final Set<String> PROTECTED = Set.of(Fixtures.A, Fixtures.E, Fixtures.G, Fixtures.K);
    /** Places with precision exact or near (and a point). */
    static final Set<String> POINTS = Set.of(Fixtures.A, Fixtures.D, Fixtures.G, Fixtures.J, Fixtures.K);
    /** F has coordinates at admin2 precision: not finer than an admin area, so everyone sees them. */
    static final Set<String> AREA_COORDINATES = Set.of(Fixtures.F);

    /** caller name -> (sub, groups); "public" sends no claims. */
    static LambdaEvents.Builder as(LambdaEvents.Builder b, String caller) {
        return switch (caller) {
            case "public" -> b;
            case "rep-1", "rep-2" -> b.as(caller, "reporter");
            case "editor" -> b.as("ed-1", "editor");
            case "analyst" -> b.as("an-1", "analyst");
            default -> throw new IllegalArgumentException(caller);
        };
    }

    static boolean full(String caller, String id) {
        return caller.equals("editor") || caller.equals("analyst") || caller.equals(Fixtures.OWNERS.get(id));
    }

    static void assertView(JsonNode r, String caller) {
        String id = r.get("id").asText();
        boolean full = full(caller, id);
        String what = caller + " on " + id + ": " + r;
        assertEquals(full, r.has("submittedBy"), what);
        if (full) {
            assertEquals(Fixtures.OWNERS.get(id), r.get("submittedBy").asText(), what);
        }
        boolean sourceShown = full || !PROTECTED.contains(id);
        assertEquals(sourceShown, r.path("source").has("name"), what);
        assertEquals(sourceShown, r.path("source").has("url"), what);
        assertTrue(r.path("source").has("kind") && r.path("source").has("publishedAt"), what);
        boolean pointShown = full || !POINTS.contains(id);
        boolean hasCoordinates = POINTS.contains(id) || AREA_COORDINATES.contains(id);
        assertEquals(pointShown && hasCoordinates, r.path("place").has("lat"), what);
        assertEquals(pointShown && hasCoordinates, r.path("place").has("lon"), what);
        assertTrue(r.path("place").has("country") && r.path("place").has("name"), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void singleReports(String caller) {
        for (String id : Fixtures.OWNERS.keySet()) {
            var r = as(get("/v1/reports/" + id, null), caller).send();
            assertEquals(200, r.status(), r.body());
            assertView(r.json(), caller);
            var first = as(get("/v1/reports/" + id, "revision=1"), caller).send();
            assertView(first.json(), caller);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void everyRevision(String caller) {
        for (String id : List.of(Fixtures.A, Fixtures.B, Fixtures.C, Fixtures.K)) {
            var r = as(get("/v1/reports/" + id + "/revisions", null), caller).send();
            assertEquals(2, r.json().get("items").size(), r.body());
            r.json().get("items").forEach(i -> assertView(i, caller));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void searchJson(String caller) {
        var r = as(get("/v1/reports", window("country=SYR")), caller).send();
        assertEquals(8, r.json().get("items").size());
        r.json().get("items").forEach(i -> assertView(i, caller));
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void searchCsv(String caller) {
        var r = as(get("/v1/reports", window("country=SYR")).header("Accept", "text/csv"), caller).send();
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("text/csv"), r.header("content-type"));
        List<List<String>> rows = Csv.parse(r.body());
        assertEquals(2 + 8, rows.size());
        List<String> names = rows.get(0);
        for (List<String> row : rows.subList(2, rows.size())) {
            assertEquals(names.size(), row.size());
            Map<String, String> cell = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                cell.put(names.get(i), row.get(i));
            }
            String id = cell.get("id");
            boolean full = full(caller, id);
            String what = caller + " on " + id;
            assertEquals(full ? Fixtures.OWNERS.get(id) : "", cell.get("submittedBy"), what);
            boolean sourceShown = full || !PROTECTED.contains(id);
            assertEquals(sourceShown, !cell.get("sourceName").isEmpty(), what);
            assertEquals(sourceShown, !cell.get("sourceUrl").isEmpty(), what);
            boolean coords = (full || !POINTS.contains(id)) && (POINTS.contains(id) || AREA_COORDINATES.contains(id));
            assertEquals(coords, !cell.get("lat").isEmpty(), what);
            assertEquals(coords, !cell.get("lon").isEmpty(), what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void searchGeoJson(String caller) {
        var r = as(get("/v1/reports", window("country=SYR")).header("Accept", "application/geo+json"), caller).send();
        assertEquals(200, r.status(), r.body());
        Set<String> expected = new TreeSet<>();
        for (String id : Fixtures.ALEPPO_WINDOW) {
            if ((POINTS.contains(id) && full(caller, id)) || AREA_COORDINATES.contains(id)) {
                expected.add(id);
            }
        }
        Set<String> got = new TreeSet<>();
        for (JsonNode f : r.json().get("features")) {
            got.add(f.get("id").asText());
            assertEquals(f.get("id"), f.at("/properties/id"));
            assertView(withPoint(f), caller);
        }
        assertEquals(expected, got, caller);
        if (caller.equals("public")) {
            assertEquals(Set.of(Fixtures.F), got, "the public never gets an exact or near point");
        }
    }

    /** The feature's properties with its coordinates put back where the JSON view has them. */
    static JsonNode withPoint(JsonNode feature) {
        var props = feature.get("properties").deepCopy();
        assertFalse(props.path("place").has("lat"), "coordinates live in the geometry only");
        var place = (ObjectNode) ((ObjectNode) props)
                .get("place");
        place.put("lon", feature.at("/geometry/coordinates/0").asDouble());
        place.put("lat", feature.at("/geometry/coordinates/1").asDouble());
        return props;
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "rep-1", "rep-2", "editor", "analyst"})
    void changesNeverNameTheSubmitter(String caller) {
        var r = as(get("/v1/changes", "since=2024-01-01T00:00:00Z"), caller).send();
        assertEquals(200, r.status(), r.body());
        assertEquals(15, r.json().get("items").size());
        List<String> fields = new ArrayList<>();
        r.json().get("items").forEach(i -> i.fieldNames().forEachRemaining(n -> {
            if (!fields.contains(n)) {
                fields.add(n);
            }
        }));
        assertEquals(List.of("id", "revision", "status", "change", "at"), fields);
        assertFalse(r.body().contains("rep-1") || r.body().contains("rep-2") || r.body().contains("rep-3"));
    }
}
