package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12 item 3: a correction that protects the source or makes the point exact also hides them
 * in every earlier revision, on every read path: each revision is redacted by the strictest of its
 * own and the report's current protection and precision.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class RevisionRedactionTest extends LookupTestBase {

    /** Revision 1: open source, a point given at admin2 precision; revision 2: protected, exact. */
    static final String PROTECTED_LATER = Fixtures.id(600);
    /** Revision 1: open source, exact point; revision 2: the source protected, still exact. */
    static final String SOURCE_PROTECTED_LATER = Fixtures.id(601);
    /** Revision 1: protected and exact; revision 2: open source at admin1 precision, no point. */
    static final String OPENED_LATER = Fixtures.id(602);
    static final String POINT = "\"lat\": 36.2021, \"lon\": 37.1343";

    @Override
    boolean seeds() {
        return false;
    }

    static LambdaEvents.Builder as(LambdaEvents.Builder b, String caller) {
        return switch (caller) {
            case "public" -> b;
            case "owner" -> b.as("rep-1", "reporter");
            case "other reporter" -> b.as("rep-2", "reporter");
            case "editor" -> b.as("ed-1", "editor");
            default -> throw new IllegalArgumentException(caller);
        };
    }

    void seed() {
        correct(PROTECTED_LATER, body("Local Monitor", false, POINT, "admin2"), body("Local Monitor", true, POINT, "exact"));
        correct(SOURCE_PROTECTED_LATER, body("Local Monitor", false, POINT, "exact"),
                body("Local Monitor", true, POINT, "exact"));
        correct(OPENED_LATER, body("Open Monitor", true, POINT, "exact"), body("Open Monitor", false, null, "admin1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "other reporter", "owner", "editor"})
    void everyRevisionOnEveryReadPath(String caller) {
        seed();
        boolean full = caller.equals("owner") || caller.equals("editor");
        for (String id : List.of(PROTECTED_LATER, SOURCE_PROTECTED_LATER)) {
            for (int rev = 1; rev <= 2; rev++) {
                var r = as(get("/v1/reports/" + id, "revision=" + rev), caller).send();
                assertEquals(200, r.status(), r.body());
                assertView(r.json(), full, full, caller + " " + id + "?revision=" + rev);
            }
            var latest = as(get("/v1/reports/" + id, null), caller).send();
            assertView(latest.json(), full, full, caller + " " + id);
            var all = as(get("/v1/reports/" + id + "/revisions", null), caller).send();
            assertEquals(200, all.status(), all.body());
            assertEquals(2, all.json().get("items").size());
            all.json().get("items").forEach(i -> assertView(i, full, full, caller + " " + id + " revisions"));
        }
        // Opening the source later does not reveal what revision 1 itself protected.
        var first = as(get("/v1/reports/" + OPENED_LATER, "revision=1"), caller).send();
        assertView(first.json(), full, full, caller + " opened later, revision 1");
        var revisions = as(get("/v1/reports/" + OPENED_LATER + "/revisions", null), caller).send();
        assertView(revisions.json().at("/items/0"), full, full, caller + " opened later, revisions[0]");
        JsonNode second = revisions.json().at("/items/1");
        assertTrue(second.path("source").has("name"), "the current revision's open source is shown: " + second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "other reporter", "owner", "editor"})
    void searchAndExportsShowTheLatestRevisionRedacted(String caller) {
        seed();
        boolean full = caller.equals("owner") || caller.equals("editor");
        String query = "admin1=SY02&from=2024-11-28&to=2024-11-28";
        var json = as(get("/v1/reports", query), caller).send();
        assertEquals(3, json.json().get("items").size(), json.body());
        for (JsonNode i : json.json().get("items")) {
            if (!i.get("id").asText().equals(OPENED_LATER)) {
                assertView(i, full, full, caller + " search " + i.get("id"));
            }
        }
        var csv = as(get("/v1/reports", query).header("Accept", "text/csv"), caller).send();
        assertEquals(full, csv.body().contains("Local Monitor"), caller + " csv: " + csv.body());
        assertEquals(full, csv.body().contains("36.2021"), caller + " csv: " + csv.body());
        var geo = as(get("/v1/reports", query).header("Accept", "application/geo+json"), caller).send();
        assertEquals(full ? 2 : 0, geo.json().get("features").size(), caller + " geojson: " + geo.body());
    }

    static void assertView(JsonNode r, boolean sourceShown, boolean pointShown, String what) {
        assertEquals(sourceShown, r.path("source").has("name"), what + ": " + r);
        assertEquals(sourceShown, r.path("source").has("url"), what + ": " + r);
        assertEquals(pointShown, r.path("place").has("lat"), what + ": " + r);
        assertEquals(pointShown, r.path("place").has("lon"), what + ": " + r);
        assertEquals(sourceShown, r.has("submittedBy"), what + ": " + r);
        assertTrue(r.path("source").has("kind") && r.path("place").has("admin2"), what + ": " + r);
        assertFalse(!sourceShown && r.toString().contains("Local Monitor"), what + ": " + r);
    }

    static String body(String source, boolean protectedSource, String point, String precision) {
        return Fixtures.body("incident", "monitor", source, protectedSource, "2024-11-28", "2024-11-28",
                "SYR", "SY02", "SY0200", "Aleppo", point, precision, "battles", "armed_clash", "Syrian Arab Army",
                Fixtures.killed(7), "Clashes in the old city", "en");
    }

    /** Revision 1 by "rep-1", then its correction, as the submit function writes them. */
    void correct(String id, String first, String second) {
        ReportReader reader = new ReportReader(new ReportValidator(Clock.systemUTC()));
        Instant at = Instant.parse("2025-02-01T00:00:00Z");
        Report one = reader.read(first.getBytes(StandardCharsets.UTF_8));
        StoredReport r = new StoredReport(id, 1, Status.RECEIVED, "rep-1", at, at, null, one);
        store.create(r, null);
        store.replace(r, r.next(Status.RECEIVED, reader.read(second.getBytes(StandardCharsets.UTF_8)),
                at.plusSeconds(60), null), Change.Kind.CORRECTED, null);
    }
}
