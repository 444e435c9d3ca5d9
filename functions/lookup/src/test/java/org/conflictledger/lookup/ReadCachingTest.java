package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 9: each view of a report has its own validator, responses vary on Authorization,
 * authenticated reads are private, and a matching If-None-Match is a 304.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class ReadCachingTest extends LookupTestBase {

    static LambdaEvents.Builder report(String id, String query) {
        return get("/v1/reports/" + id, query);
    }

    static List<String> vary(LambdaEvents.Reply r) {
        String v = r.header("vary");
        assertNotNull(v, "Vary: " + r.headers());
        return Arrays.stream(v.split(",")).map(String::trim).map(String::toLowerCase).toList();
    }

    static List<String> cacheControl(LambdaEvents.Reply r) {
        String v = r.header("cache-control");
        assertNotNull(v, "Cache-Control: " + r.headers());
        return Arrays.stream(v.split(",")).map(String::trim).map(String::toLowerCase).toList();
    }

    @Test
    void theFullViewsTagIsTheRevisionThatWritesTakeAsIfMatch() {
        var editor = report(Fixtures.A, null).as("ed-1", "editor").send();
        assertEquals(200, editor.status());
        assertEquals("\"2\"", editor.header("etag"), "If-Match: \"<revision>\" of docs/api.md");
        var owner = report(Fixtures.A, null).as("rep-1", "reporter").send();
        assertEquals("\"2\"", owner.header("etag"), "the owner gets the same full view");
        assertEquals(editor.body(), owner.body());
        assertEquals("\"1\"", report(Fixtures.A, "revision=1").as("ed-1", "editor").send().header("etag"));
        for (var r : List.of(editor, owner)) {
            assertTrue(vary(r).contains("authorization"), r.headers().toString());
            assertTrue(cacheControl(r).contains("private"), r.headers().toString());
            assertTrue(cacheControl(r).contains("no-cache"), r.headers().toString());
        }
    }

    @Test
    void theRedactedViewHasItsOwnStrongTag() {
        var full = report(Fixtures.A, null).as("ed-1", "editor").send();
        var pub = report(Fixtures.A, null).send();
        var other = report(Fixtures.A, null).as("rep-2", "reporter").send();
        String tag = pub.header("etag");
        assertTrue(tag.startsWith("\"") && tag.endsWith("\"") && tag.length() > 2, "strong: " + tag);
        assertNotEquals(full.header("etag"), tag, "the redacted view is another representation");
        assertEquals(pub.body(), other.body());
        assertEquals(tag, other.header("etag"), "the same redacted bytes, the same tag");
        assertTrue(vary(pub).contains("authorization"), pub.headers().toString());
        assertEquals(List.of("no-cache"), cacheControl(pub), "public: cacheable, revalidated on every use");
        assertTrue(cacheControl(other).contains("private"), other.headers().toString());
        // A view with nothing to hide but the submitter still has its own tag.
        assertNotEquals(report(Fixtures.B, null).as("ed-1", "editor").send().header("etag"),
                report(Fixtures.B, null).send().header("etag"));
    }

    @Test
    void aMatchingIfNoneMatchIs304() {
        for (String match : List.of("\"2\"", "W/\"2\"", "\"1\", \"2\"", "\"x\",W/\"2\"", "*")) {
            requests.reset();
            var r = report(Fixtures.A, null).as("ed-1", "editor").header("If-None-Match", match).send();
            assertEquals(304, r.status(), match);
            assertEquals("", r.body(), match);
            assertEquals("\"2\"", r.header("etag"), match);
            assertTrue(vary(r).contains("authorization"), match);
            assertTrue(cacheControl(r).contains("private"), match);
            assertEquals(Map.of("GetItem", 1L), requests.snapshot(), "the same reads as a 200");
        }
        for (String stale : List.of("\"1\"", "2", "\"2", "W/2", "\"2-x\"", "")) {
            var r = report(Fixtures.A, null).as("ed-1", "editor").header("If-None-Match", stale).send();
            assertEquals(200, r.status(), stale);
            assertEquals(2, r.json().get("revision").asInt());
        }
        String redacted = report(Fixtures.A, null).send().header("etag");
        assertEquals(304, report(Fixtures.A, null).header("If-None-Match", redacted).send().status());
        var fullTagOnRedacted = report(Fixtures.A, null).header("If-None-Match", "\"2\"").send();
        assertEquals(200, fullTagOnRedacted.status(), "the full view's tag does not validate the redacted view");
        assertFalse(fullTagOnRedacted.json().has("submittedBy"));
        var redactedTagOnFull = report(Fixtures.A, null).as("ed-1", "editor").header("If-None-Match", redacted).send();
        assertEquals(200, redactedTagOnFull.status(), "nor the other way round");
        assertTrue(redactedTagOnFull.json().has("submittedBy"));
        assertEquals(304, report(Fixtures.A, "revision=1").header("If-None-Match",
                report(Fixtures.A, "revision=1").send().header("etag")).send().status());
    }

    @Test
    void anOldRevisionsRedactedTagChangesWhenTheReportIsProtected() {
        String id = Fixtures.id(700);
        String open = Fixtures.body("incident", "media", "Open Paper", false, "2024-11-28", "2024-11-28", "SYR", "SY02",
                "SY0200", "Aleppo", null, "admin2", "battles", "armed_clash", "Syrian Arab Army", Fixtures.killed(3),
                "Shelling", "en");
        ReportReader reader = new ReportReader(new ReportValidator(Clock.systemUTC()));
        Instant at = Instant.parse("2025-02-01T00:00:00Z");
        StoredReport one = new StoredReport(id, 1, Status.RECEIVED, "rep-1", at, at, null,
                reader.read(open.getBytes(StandardCharsets.UTF_8)));
        store.create(one, null);
        var before = report(id, "revision=1").send();
        assertTrue(before.json().at("/source").has("name"));
        store.replace(one, one.next(Status.RECEIVED, reader.read(open.replace("\"protected\": false",
                "\"protected\": true").getBytes(StandardCharsets.UTF_8)), at.plusSeconds(5), null),
                Change.Kind.CORRECTED, null);
        var after = report(id, "revision=1").header("If-None-Match", before.header("etag")).send();
        assertEquals(200, after.status(), "the cached public view is stale: the source is protected now");
        assertFalse(after.json().at("/source").has("name"));
        assertNotEquals(before.header("etag"), after.header("etag"));
        assertEquals("\"1\"", report(id, "revision=1").as("ed-1", "editor").send().header("etag"),
                "a full view of a revision never changes");
    }

    @Test
    void revisionsVaryOnAuthorization() {
        var pub = get("/v1/reports/" + Fixtures.A + "/revisions", null).send();
        var editor = get("/v1/reports/" + Fixtures.A + "/revisions", null).as("ed-1", "editor").send();
        assertTrue(vary(pub).contains("authorization") && vary(editor).contains("authorization"));
        assertEquals(List.of("no-cache"), cacheControl(pub));
        assertTrue(cacheControl(editor).contains("private"));
    }
}
