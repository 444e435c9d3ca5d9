package org.conflictledger.lookup;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.json.ResponseBudget;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 1: the revisions of a report whose history is far past DynamoDB's 1 MB Query page
 * and Lambda's 6 MB response limit: maximal (~64 KiB) reports, corrected over and over.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class RevisionsPagingTest extends LookupTestBase {

    static final String ID = Fixtures.id(500);
    static final String OTHER = Fixtures.id(501);
    /** Requests per page: the head, then Queries of at most 1 MB until the byte budget. */
    static final long MAX_QUERIES_PER_PAGE = ResponseBudget.BYTES / (1024 * 1024) + 2;

    @Override
    boolean seeds() {
        return false;
    }

    @Test
    void maximalReportsCorrectedOverAndOverArePagedUnderTheLambdaLimit() {
        int revisions = 110;
        String body = maximalBody();
        int bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bodyBytes > 60_000 && bodyBytes <= 64 * 1024, "a maximal report body: " + bodyBytes + " bytes");
        Report report = reader().read(body.getBytes(StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        history(ID, report, revisions);
        System.out.printf("wrote %d revisions of a %d-byte report in %d ms%n", revisions, bodyBytes,
                (System.nanoTime() - t0) / 1_000_000);

        for (String who : List.of("editor", "public")) {
            List<Integer> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String query = cursor == null ? "" : "cursor=" + cursor;
                requests.reset();
                long p0 = System.nanoTime();
                // Before the fix the route never answered (the Query loop restarted from the first page).
                Raw page = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> raw(
                        as(get("/v1/reports/" + ID + "/revisions", query), who)));
                long millis = (System.nanoTime() - p0) / 1_000_000;
                pages++;
                assertEquals(200, page.reply.status(), page.reply.body().length() > 500
                        ? page.reply.body().substring(0, 500) : page.reply.body());
                assertTrue(page.bytes < ResponseBudget.LAMBDA_RESPONSE_LIMIT,
                        "the whole Lambda response stays under 6 MB: " + page.bytes);
                assertEquals(1L, requests.count("GetItem"), requests.snapshot().toString());
                assertTrue(requests.count("Query") <= MAX_QUERIES_PER_PAGE, requests.snapshot().toString());
                assertEquals(2, requests.snapshot().size(), "GetItem and Query only: " + requests.snapshot());
                JsonNode json = page.reply.json();
                json.get("items").forEach(i -> {
                    seen.add(i.get("revision").asInt());
                    assertEquals(ID, i.get("id").asText());
                    assertEquals(who.equals("editor"), i.has("submittedBy"));
                });
                cursor = json.get("nextCursor").isNull() ? null : json.get("nextCursor").asText();
                assertEquals(cursor, page.reply.header(ReportsResource.NEXT_CURSOR));
                System.out.printf("%s page %d: %d revisions, %d bytes, %s, %d ms%n", who, pages,
                        json.get("items").size(), page.bytes, requests.snapshot(), millis);
            } while (cursor != null && pages < 10);
            assertTrue(pages >= 2, "more than one response's worth: " + pages);
            List<Integer> expected = new ArrayList<>();
            for (int n = 1; n <= revisions; n++) {
                expected.add(n);
            }
            assertEquals(expected, seen, who + ": every revision exactly once, oldest first");
        }
    }

    @Test
    void theReportOfTheIssueAnswersInOnePage() {
        // docs/api.md's shape unchanged for a history that fits: a ~65 KB report corrected 49 times (~3.2 MB).
        history(ID, reader().read(maximalBody().getBytes(StandardCharsets.UTF_8)), 50);
        var r = assertTimeoutPreemptively(Duration.ofSeconds(90), () ->
                raw(get("/v1/reports/" + ID + "/revisions", null).as("ed-1", "editor")).reply());
        assertEquals(200, r.status());
        assertEquals(50, r.json().get("items").size());
        assertTrue(r.json().get("nextCursor").isNull());
        assertEquals(null, r.header(ReportsResource.NEXT_CURSOR));
        assertTrue(requests.count("Query") <= MAX_QUERIES_PER_PAGE, requests.snapshot().toString());
    }

    @Test
    void smallPagesWalkEveryRevisionOnce() {
        Report small = reader().read(Fixtures.bodies().get(Fixtures.B)[1].getBytes(StandardCharsets.UTF_8));
        history(ID, small, 23);
        history(OTHER, small, 3);
        for (int limit : new int[] {1, 5, 22, 23, 24}) {
            List<Integer> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                requests.reset();
                var r = get("/v1/reports/" + ID + "/revisions", "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor))
                        .send();
                assertEquals(200, r.status(), r.body());
                assertEquals(Map.of("GetItem", 1L, "Query", 1L), requests.snapshot(), "limit " + limit);
                r.json().get("items").forEach(i -> seen.add(i.get("revision").asInt()));
                assertTrue(r.json().get("items").size() <= limit);
                cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
                pages++;
            } while (cursor != null && pages < 100);
            assertEquals(23, seen.size(), "limit " + limit + ": " + seen);
            for (int n = 0; n < 23; n++) {
                assertEquals(n + 1, seen.get(n));
            }
            assertEquals((23 + limit - 1) / limit, pages, "no empty last page, limit " + limit);
        }
        // Default: a page of 100, so a short history comes whole, as docs/api.md shows it.
        var all = get("/v1/reports/" + ID + "/revisions", null).send();
        assertEquals(23, all.json().get("items").size());
        assertTrue(all.json().get("nextCursor").isNull());
    }

    @Test
    void aCursorBelongsToItsReportAndIsTamperEvident() {
        Report small = reader().read(Fixtures.bodies().get(Fixtures.B)[1].getBytes(StandardCharsets.UTF_8));
        history(ID, small, 4);
        history(OTHER, small, 4);
        String cursor = get("/v1/reports/" + ID + "/revisions", "limit=2").send().json().get("nextCursor").asText();
        assertNotNull(cursor);
        // a search cursor (searches without a window are valid: they read, so before the reset)
        String search = get("/v1/reports", "country=SYR&limit=1").send().json().path("nextCursor").asText("x");
        requests.reset();
        assertProblem(get("/v1/reports/" + OTHER + "/revisions", "cursor=" + cursor).send(), 400);
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        assertProblem(get("/v1/reports/" + ID + "/revisions", "cursor=" + tampered).send(), 400);
        assertProblem(get("/v1/reports/" + ID + "/revisions", "cursor=" + search).send(), 400);
        for (String bad : List.of("limit=0", "limit=501", "limit=-1", "limit=", "limit=x", "limit=1&limit=2",
                "cursor=", "page=2")) {
            assertProblem(get("/v1/reports/" + ID + "/revisions", bad).send(), 400);
        }
        assertEquals(0, requests.total(), "a rejected request reads nothing");
        var rest = get("/v1/reports/" + ID + "/revisions", "cursor=" + cursor + "&limit=500").send();
        assertEquals(List.of(3, 4), revisionNumbers(rest.json()));
        assertTrue(rest.json().get("nextCursor").isNull());
        assertProblem(get("/v1/reports/" + Fixtures.id(999) + "/revisions", null).send(), 404);
    }

    static List<Integer> revisionNumbers(JsonNode page) {
        List<Integer> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("revision").asInt()));
        return out;
    }

    /** Revision 1 by "rep-1", then corrections up to {@code revisions}, as the submit function writes them. */
    void history(String id, Report report, int revisions) {
        Instant at = Instant.parse("2025-02-01T00:00:00Z");
        StoredReport r = new StoredReport(id, 1, Status.RECEIVED, "rep-1", at, at, null, report);
        store.create(r, null);
        for (int n = 2; n <= revisions; n++) {
            StoredReport next = r.next(Status.RECEIVED, report, at.plusSeconds(n), null);
            store.replace(r, next, Change.Kind.CORRECTED, null);
            r = next;
        }
    }

    static LambdaEvents.Builder as(LambdaEvents.Builder b, String who) {
        return who.equals("editor") ? b.as("ed-1", "editor") : b;
    }

    record Raw(LambdaEvents.Reply reply, long bytes) {
    }

    /** The handler's raw Lambda response (what the 6 MB limit applies to), and its decoded form. */
    static Raw raw(LambdaEvents.Builder b) throws Exception {
        byte[] raw = given().contentType(ContentType.JSON).body(b.event().toString().getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_").then().extract().asByteArray();
        // Not Json.mapper(): it refuses strings over 1 MiB (request bodies), and this body is one string.
        JsonNode r = new ObjectMapper().readTree(raw);
        assertFalse(r.path("isBase64Encoded").asBoolean(false), "JSON travels as text");
        Map<String, String> headers = new HashMap<>();
        r.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(), h.getValue().asText()));
        r.path("multiValueHeaders").fields().forEachRemaining(h ->
                headers.putIfAbsent(h.getKey().toLowerCase(), h.getValue().get(0).asText()));
        return new Raw(new LambdaEvents.Reply(r.path("statusCode").asInt(), headers, r.path("body").asText()), raw.length);
    }

    static ReportReader reader() {
        return new ReportReader(new ReportValidator(Clock.systemUTC()));
    }

    /**
     * A report as large as a client may send (64 KiB): the longest summary, all 30 (metric, group)
     * figures with long texts, 20 actors and tags; Arabic (two UTF-8 bytes a character) and quotes
     * (escaped twice on the way out) throughout.
     */
    static String maximalBody() {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("scope", "period_total");
        ObjectNode source = b.putObject("source");
        source.put("kind", "monitor");
        source.put("name", "مرصد \"حلب\" ".repeat(20).substring(0, 200));
        source.put("url", "https://example.org/" + "a".repeat(500));
        source.put("publishedAt", "2025-01-05T08:00:00Z");
        source.put("protected", true);
        b.putObject("period").put("start", "2024-11-27").put("end", "2024-11-29");
        b.put("datePrecision", "day");
        ObjectNode place = b.putObject("place");
        place.put("country", "SYR").put("admin1", "SY02").put("admin2", "SY0200").put("name", "حلب")
                .put("lat", 36.2021).put("lon", 37.1343).put("precision", "exact");
        b.put("eventType", "battles");
        b.put("subEventType", "armed_clash");
        ArrayNode actors = b.putArray("actors");
        for (int i = 0; i < 20; i++) {
            actors.addObject().put("name", "جماعة \"" + i + "\" " + "م".repeat(120)).put("type", "rebel_group").put("side", "a");
        }
        ArrayNode figures = b.putArray("figures");
        String text = "قتلى \"مدنيون\" و\\ جرحى ".repeat(40);
        for (String metric : List.of("killed", "injured", "displaced", "detained", "missing")) {
            for (String group : List.of("all", "civilians", "combatants", "children", "women", "unknown")) {
                figures.addObject().put("metric", metric).put("group", group).put("value", 10).put("qualifier", "approx")
                        .put("text", text.substring(0, 790));
            }
        }
        b.put("summary", "تقرير \"مفصل\" عن الاشتباكات ".repeat(150).substring(0, 3990));
        b.put("language", "ar");
        ArrayNode tags = b.putArray("tags");
        for (int i = 0; i < 20; i++) {
            tags.add(("وسم-" + i + "-" + "ت".repeat(64)).substring(0, 64));
        }
        return b.toString();
    }

    @Test
    void theBodyBuilderStaysValid() {
        String body = maximalBody();
        assertFalse(reader().read(body.getBytes(StandardCharsets.UTF_8)).figures().isEmpty());
    }
}
