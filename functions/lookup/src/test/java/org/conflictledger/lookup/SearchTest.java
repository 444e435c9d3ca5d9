package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class SearchTest extends LookupTestBase {

    static LambdaEvents.Reply search(String query) {
        return get("/v1/reports", query).send();
    }

    @Test
    void overlapSemanticsAndOrder() {
        var r = search(window("admin1=SY02"));
        assertEquals(200, r.status(), r.body());
        // E spans the window, C ends on from, D ends after to, F and K are one-day reports on the boundaries;
        // G (day after to) and H (ends the day before from) are out. Retracted C and rejected K are listed.
        assertEquals(Fixtures.ALEPPO_WINDOW, ids(r));
        assertTrue(r.json().get("nextCursor").isNull());
        assertNull(r.header("x-next-cursor"));
        // One Query per span-class partition, nothing else.
        assertEquals(Map.of("Query", 2L), requests.snapshot());
    }

    @Test
    void oneDayWindowOnEachBoundary() {
        assertEquals(List.of(Fixtures.E, Fixtures.C, Fixtures.B, Fixtures.F),
                ids(search("admin1=SY02&from=2024-11-27&to=2024-11-27")));
        assertEquals(List.of(Fixtures.E, Fixtures.B, Fixtures.D, Fixtures.K),
                ids(search("admin1=SY02&from=2024-11-29&to=2024-11-29")));
        assertEquals(List.of(Fixtures.E, Fixtures.D, Fixtures.G),
                ids(search("admin1=SY02&from=2024-11-30&to=2024-11-30")));
        assertEquals(List.of(), ids(search("admin1=SY02&from=2023-01-01&to=2023-12-31")));
    }

    @Test
    void areas() {
        List<String> syria = new ArrayList<>(List.of(Fixtures.E, Fixtures.C, Fixtures.B, Fixtures.F, Fixtures.A,
                Fixtures.I, Fixtures.D, Fixtures.K));
        assertEquals(syria, ids(search(window("country=SYR"))));
        assertEquals(Fixtures.ALEPPO_WINDOW, ids(search(window("country=SYR&admin1=SY02"))));
        assertEquals(List.of(), ids(search(window("country=SDN&admin1=SY02"))), "country filters admin1");
        assertEquals(List.of(Fixtures.A, Fixtures.D, Fixtures.K), ids(search(window("admin2=SY0200"))));
        assertEquals(List.of(Fixtures.A, Fixtures.D, Fixtures.K), ids(search(window("admin1=SY02&admin2=SY0200"))));
        assertEquals(List.of(Fixtures.C, Fixtures.F), ids(search(window("country=SYR&admin2=SY0201"))));
        assertEquals(List.of(Fixtures.J), ids(search(window("country=SDN"))));
    }

    @Test
    void filters() {
        assertEquals(List.of(Fixtures.B, Fixtures.D, Fixtures.K), ids(search(window("admin1=SY02&eventType=battles"))));
        assertEquals(List.of(Fixtures.F, Fixtures.A, Fixtures.K),
                ids(search(window("admin1=SY02&scope=incident"))));
        assertEquals(List.of(Fixtures.E), ids(search(window("admin1=SY02&scope=stock"))));
        assertEquals(List.of(Fixtures.F, Fixtures.D), ids(search(window("admin1=SY02&sourceKind=media"))));
        assertEquals(List.of(Fixtures.C, Fixtures.B), ids(search(window("admin1=SY02&sourceKind=un_agency,monitor"))));
        assertEquals(List.of(Fixtures.C), ids(search(window("admin1=SY02&status=retracted"))));
        assertEquals(List.of(Fixtures.K), ids(search(window("admin1=SY02&status=rejected"))));
        assertEquals(List.of(Fixtures.A), ids(search(window("admin1=SY02&status=accepted"))));
        assertEquals(List.of(Fixtures.E, Fixtures.B, Fixtures.F, Fixtures.D),
                ids(search(window("admin1=SY02&status=received"))));
        // Actor names match after normalisation (case, spacing, diacritics), as whole names.
        String army = URLEncoder.encode("  SYRIAN arab  armý ", StandardCharsets.UTF_8);
        assertEquals(List.of(Fixtures.E, Fixtures.D, Fixtures.K), ids(search(window("admin1=SY02&actor=" + army))));
        assertEquals(List.of(Fixtures.I), ids(search(window("country=SYR&admin1=SY01&actor=" + army))));
        assertEquals(List.of(), ids(search(window("admin1=SY02&actor=Syrian"))));
        assertEquals(List.of(Fixtures.D), ids(search(window("admin1=SY02&eventType=battles&scope=period_total"
                + "&sourceKind=media&status=received&actor=" + army))));
    }

    @Test
    void pagingVisitsEveryReportOnceInOrder() {
        for (int limit = 1; limit <= 8; limit++) {
            List<String> seen = walk(window("admin1=SY02"), limit, null);
            assertEquals(Fixtures.ALEPPO_WINDOW, seen, "limit " + limit);
        }
        // With a filter, pages carry on from where the filter left off.
        assertEquals(List.of(Fixtures.F, Fixtures.A, Fixtures.K), walk(window("admin1=SY02&scope=incident"), 1, null));
    }

    /** Issue 12 item 11: from and to are optional; an open end is unbounded, same order, same overlap rule. */
    @Test
    void openEndedWindowsStayKeyedAndPaged() {
        List<String> all = List.of(Fixtures.E, Fixtures.C, Fixtures.H, Fixtures.B, Fixtures.F, Fixtures.A, Fixtures.D,
                Fixtures.K, Fixtures.G);
        var r = search("admin1=SY02");
        assertEquals(200, r.status(), r.body());
        assertEquals(all, ids(r));
        assertEquals(Map.of("Query", 2L), requests.snapshot(), "two Queries, as for a bounded window");
        // Only from: reports that end on or after it (H ended the day before).
        assertEquals(List.of(Fixtures.E, Fixtures.C, Fixtures.B, Fixtures.F, Fixtures.A, Fixtures.D, Fixtures.K, Fixtures.G),
                ids(search("admin1=SY02&from=2024-11-27")));
        // Only to: reports that start on or before it.
        assertEquals(List.of(Fixtures.E, Fixtures.C, Fixtures.H, Fixtures.B, Fixtures.F),
                ids(search("admin1=SY02&to=2024-11-27&from=")));
        // Paged: every report once, in order, each page at most two Queries.
        for (int limit : new int[] {1, 2, 4}) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                requests.reset();
                var page = search("admin1=SY02&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
                assertEquals(200, page.status(), page.body());
                assertTrue(requests.count("Query") <= 2, "bounded per page: " + requests.snapshot());
                seen.addAll(ids(page));
                cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            } while (cursor != null);
            assertEquals(all, seen, "limit " + limit);
        }
        // A cursor of the open window is not one of a bounded window.
        String cursor = search("admin1=SY02&limit=1").json().get("nextCursor").asText();
        assertProblem(search(window("admin1=SY02") + "&cursor=" + cursor), 400);
    }

    @Test
    void aPageIsOneQueryPerPartition() {
        var first = search(window("admin1=SY02") + "&limit=3");
        assertEquals(List.of(Fixtures.E, Fixtures.C, Fixtures.B), ids(first));
        assertEquals(Map.of("Query", 2L), requests.snapshot());
        String cursor = first.json().get("nextCursor").asText();
        assertEquals(cursor, first.header("x-next-cursor"));
        requests.reset();
        var second = search(window("admin1=SY02") + "&limit=3&cursor=" + cursor);
        assertEquals(List.of(Fixtures.F, Fixtures.A, Fixtures.D), ids(second));
        assertEquals(Map.of("Query", 2L), requests.snapshot());
    }

    @Test
    void reportsAddedDuringAWalkAppearOnceIfAheadOfTheCursor() {
        var first = search(window("admin1=SY02") + "&limit=3");
        String cursor = first.json().get("nextCursor").asText();
        // One report behind the cursor (start 2024-11-02), one ahead of it (2024-11-28), added mid-walk.
        String behind = Fixtures.id(90);
        String ahead = Fixtures.id(91);
        LookupTestBase.write(store, behind, "2024-11-02", "2024-11-28");
        LookupTestBase.write(store, ahead, "2024-11-28", "2024-11-28");
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(walk(window("admin1=SY02"), 3, cursor));
        assertEquals(List.of(Fixtures.E, Fixtures.C, Fixtures.B, Fixtures.F, Fixtures.A, ahead, Fixtures.D, Fixtures.K),
                all, "no duplicates, no gaps, the later insert in its place");
        // A fresh walk sees both.
        assertTrue(walk(window("admin1=SY02"), 2, null).containsAll(List.of(behind, ahead)));
    }

    /** Follows nextCursor to the end; fails on a duplicate. */
    static List<String> walk(String query, int limit, String cursor) {
        List<String> seen = new ArrayList<>();
        for (int pages = 0; pages < 100; pages++) {
            var r = search(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().get("items").size() <= limit);
            for (String id : ids(r)) {
                assertFalse(seen.contains(id), "duplicate " + id);
                seen.add(id);
            }
            if (r.json().get("nextCursor").isNull()) {
                return seen;
            }
            cursor = r.json().get("nextCursor").asText();
        }
        throw new AssertionError("no end after 100 pages");
    }

    @Test
    void limits() {
        assertEquals(1, search(window("admin1=SY02") + "&limit=1").json().get("items").size());
        assertEquals(7, search(window("admin1=SY02") + "&limit=500").json().get("items").size());
        requests.reset();
        for (String bad : List.of("0", "501", "-1", "ten", "1.5", "")) {
            assertProblem(search(window("admin1=SY02") + "&limit=" + bad), 400);
        }
        assertEquals(0, requests.total(), "bad requests read nothing");
    }

    @Test
    void requiredAndInvalidParameters() {
        var noArea = search("from=2024-11-27&to=2024-11-29");
        assertProblem(noArea, 400);
        assertEquals("country", noArea.json().at("/errors/0/field").asText());
        assertProblem(search("country=SYR&from=2024-11-29&to=2024-11-27"), 400);
        assertProblem(search("country=SYR&from=2024-11-31&to=2024-12-01"), 400);
        assertProblem(search("country=SYR&from=27-11-2024&to=2024-12-01"), 400);
        assertProblem(search("country=syr&from=2024-11-27&to=2024-11-29"), 400);
        assertProblem(search(window("admin1=SY02&admin2=SY0100")), 400);
        assertProblem(search(window("admin1=SY02&eventType=war")), 400);
        assertProblem(search(window("admin1=SY02&status=deleted")), 400);
        assertEquals(200, search(window("admin1=SY02&sourceKind=")).status(), "an empty filter is no filter");
    }

    @Test
    void aModifiedCursorOrOneFromAnotherQueryIs400() {
        String cursor = search(window("admin1=SY02") + "&limit=2").json().get("nextCursor").asText();
        assertEquals(200, search(window("admin1=SY02") + "&limit=2&cursor=" + cursor).status());
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        raw[10] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        requests.reset();
        assertProblem(search(window("admin1=SY02") + "&limit=2&cursor=" + tampered), 400);
        assertProblem(search(window("admin1=SY02") + "&limit=2&cursor=garbage!"), 400);
        assertProblem(search(window("admin1=SY02") + "&limit=2&cursor=" + cursor.substring(0, cursor.length() - 2)), 400);
        assertProblem(search(window("admin1=SY02&scope=incident") + "&limit=2&cursor=" + cursor), 400);
        assertProblem(search("admin1=SY02&from=2024-11-26&to=2024-11-29&limit=2&cursor=" + cursor), 400);
        assertEquals(0, requests.total(), "a rejected cursor reads nothing");
        // The limit is not part of the query: a client may change page size mid-walk.
        assertEquals(200, search(window("admin1=SY02") + "&limit=5&cursor=" + cursor).status());
    }

    @Test
    void unknownParametersAre400() {
        assertProblem(search(window("admin1=SY02") + "&admin_2=SY0200"), 400);
        assertProblem(search(window("admin1=SY02") + "&admin1=SY01"), 400);
    }

    @Test
    void postIsNotAllowedHere() {
        assertNotNull(search(window("admin1=SY02")).header("content-type"));
        var r = LambdaEvents.request("DELETE", "/v1/changes").send();
        assertProblem(r, 405);
    }
}
