package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.conflictledger.store.ChangeFeed;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class ChangesTest extends LookupTestBase {

    static LambdaEvents.Reply changes(String since, Integer limit) {
        return get("/v1/changes", "since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
                + (limit == null ? "" : "&limit=" + limit)).send();
    }

    record Walk(List<JsonNode> items, int pages) {
    }

    static Walk walk(String since, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = since;
        for (int pages = 1; pages < 200; pages++) {
            var r = changes(cursor, limit);
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().get("items").size() <= limit);
            r.json().get("items").forEach(items::add);
            if (r.json().get("nextCursor").isNull()) {
                assertNull(r.header("x-next-cursor"));
                return new Walk(items, pages);
            }
            cursor = r.json().get("nextCursor").asText();
        }
        throw new AssertionError("no end");
    }

    @Test
    void everyChangeOldestFirst() {
        Walk w = walk("2024-12-01T00:00:00Z", 1000);
        assertEquals(15, w.items().size());
        List<String> seen = new ArrayList<>();
        Instant previous = Instant.EPOCH;
        for (JsonNode i : w.items()) {
            Instant at = Instant.parse(i.get("at").asText());
            assertFalse(at.isBefore(previous), "oldest first");
            previous = at;
            String key = i.get("id").asText() + "/" + i.get("revision").asInt();
            assertFalse(seen.contains(key), "duplicate " + key);
            seen.add(key);
        }
        JsonNode first = w.items().get(0);
        assertEquals(Fixtures.A, first.get("id").asText());
        assertEquals("created", first.get("change").asText());
        assertEquals("received", first.get("status").asText());
        assertEquals("2024-12-10T09:00:00Z", first.get("at").asText());
        List<String> tail = w.items().subList(11, 15).stream()
                .map(i -> i.get("id").asText() + " " + i.get("change").asText() + " " + i.get("status").asText()).toList();
        assertEquals(List.of(Fixtures.K + " reviewed rejected", Fixtures.A + " reviewed accepted",
                Fixtures.B + " corrected received", Fixtures.C + " retracted retracted"), tail);
    }

    /** Queries of a page that reads the whole feed: one on the byFeed index, one per month partition of the last hour. */
    static long feedQueries() {
        Instant now = Instant.now();
        return 1 + ChronoUnit.MONTHS.between(YearMonth.from(now.minus(ChangeFeed.SETTLE).atOffset(ZoneOffset.UTC)),
                YearMonth.from(now.atOffset(ZoneOffset.UTC))) + 1;
    }

    @Test
    void aRequestMakesABoundedNumberOfQueries() {
        var page = changes("2024-12-01T00:00:00Z", 1000);
        assertEquals(feedQueries(), requests.count("Query"), "the index once, the current month partition once");
        assertEquals(requests.count("Query"), requests.total());
        assertEquals(15, page.json().get("items").size());
        assertTrue(page.json().get("nextCursor").isNull());
    }

    /**
     * Issue 12 item 11: since=1970 used to return an empty page and a cursor per 13 months. Any since,
     * however old and however many empty months follow it, finds the next changes in one page with a
     * bounded number of Queries, and a page is empty only at the end.
     */
    @Test
    void anyOldSinceFindsTheNextChangesAcrossEmptyYears() {
        // One change in March 2019: more than five years of empty months before the fixtures.
        Instant old = Instant.parse("2019-03-04T05:06:07Z");
        var r = write(store, Fixtures.id(96), "2019-03-01", "2019-03-01");
        store.replace(r, r.next(Status.ACCEPTED, r.report(), old, null),
                Change.Kind.REVIEWED, null);
        requests.reset();
        var first = changes("1970-01-01T00:00:00Z", 2);
        assertEquals(2, first.json().get("items").size(), first.body());
        assertEquals("2019-03-04T05:06:07Z", first.json().get("items").get(0).get("at").asText());
        assertEquals(Fixtures.A, first.json().get("items").get(1).get("id").asText());
        assertEquals(1, requests.count("Query"), "one Query on the byFeed index: " + requests.snapshot());
        for (int limit : new int[] {1, 3, 1000}) {
            List<JsonNode> items = new ArrayList<>();
            String cursor = "1970-01-01T00:00:00Z";
            int pages = 0;
            while (cursor != null) {
                requests.reset();
                var p = changes(cursor, limit);
                assertEquals(200, p.status(), p.body());
                assertTrue(requests.count("Query") <= feedQueries(), "bounded: " + requests.snapshot());
                cursor = p.json().get("nextCursor").isNull() ? null : p.json().get("nextCursor").asText();
                assertTrue(p.json().get("items").size() > 0 || cursor == null,
                        "a page is empty only when nothing newer exists (page " + pages + ", limit " + limit + ")");
                p.json().get("items").forEach(items::add);
                pages++;
            }
            // The 15 fixture changes, the new report's creation (now) and its review in 2019.
            assertEquals(17, items.size(), "limit " + limit);
            assertTrue(pages <= 17 / limit + 2, "pages " + pages + " for limit " + limit);
        }
    }

    @Test
    void strictlyAfterSince() {
        // A's creation is at exactly 09:00:00; B's a second later.
        Walk w = walk("2024-12-10T09:00:00Z", 1000);
        assertEquals(14, w.items().size());
        assertEquals(Fixtures.B, w.items().get(0).get("id").asText());
        assertEquals(15, walk("2024-12-10T08:59:59.999999Z", 1000).items().size());
        assertEquals(0, walk("2025-01-03T10:00:01Z", 1000).items().size());
    }

    @Test
    void smallPagesResumeExactly() {
        List<String> all = walk("2024-01-01T00:00:00Z", 1000).items().stream().map(JsonNode::toString).toList();
        for (int limit : new int[] {1, 4, 11}) {
            List<String> paged = walk("2024-01-01T00:00:00Z", limit).items().stream().map(JsonNode::toString).toList();
            assertEquals(all, paged, "limit " + limit);
        }
    }

    @Test
    void newChangesAfterCatchingUp() {
        Walk w = walk("2024-12-01T00:00:00Z", 1000);
        String last = w.items().get(w.items().size() - 1).get("at").asText();
        var added = write(store, Fixtures.id(95), "2024-11-28", "2024-11-28");
        Walk again = walk(last, 1000);
        assertEquals(1, again.items().size());
        assertEquals(added.id(), again.items().get(0).get("id").asText());
        assertEquals("created", again.items().get(0).get("change").asText());
    }

    @Test
    void badRequests() {
        assertProblem(get("/v1/changes", "").send(), 400);
        assertProblem(changes("yesterday", null), 400);
        assertProblem(changes("2024-13-01T00:00:00Z", null), 400);
        assertProblem(changes("2024-12-01", null), 400);
        assertProblem(changes("2024-12-01T00:00:00Z", 0), 400);
        assertProblem(changes("2024-12-01T00:00:00Z", 1001), 400);
        String cursor = changes("2024-12-01T00:00:00Z", 2).json().get("nextCursor").asText();
        requests.reset();
        char[] c = cursor.toCharArray();
        c[5] = c[5] == 'A' ? 'B' : 'A';
        assertProblem(changes(new String(c), null), 400);
        // A search cursor is not a feed cursor.
        String searchCursor = get("/v1/reports", window("admin1=SY02") + "&limit=1").send().json().get("nextCursor").asText();
        requests.reset();
        assertProblem(changes(searchCursor, null), 400);
        assertEquals(0, requests.total());
        // And a feed cursor is not a search cursor.
        assertProblem(get("/v1/reports", window("admin1=SY02") + "&cursor=" + cursor).send(), 400);
    }
}
