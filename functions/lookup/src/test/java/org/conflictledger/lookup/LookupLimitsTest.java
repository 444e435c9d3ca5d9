package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conflictledger.store.ChangeFeed;
import org.conflictledger.store.ReportSearch;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** Deep paging stays bounded per page and exact; limits sit where docs/api.md puts them, refused for free. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class LookupLimitsTest extends LookupTestBase {

    /** Walks a search with limit=1; every page is checked for its Query count. */
    List<String> walk(String query, int maxQueriesPerPage) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            requests.reset();
            var r = get("/v1/reports", query + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).send();
            assertEquals(200, r.status(), r.body());
            assertTrue(requests.count("Query") <= maxQueriesPerPage, "page " + pages + ": " + requests.snapshot());
            assertEquals(requests.count("Query"), requests.total(), "a page is Queries only: " + requests.snapshot());
            assertTrue(r.json().get("items").size() <= 1);
            out.addAll(ids(r));
            cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
            assertTrue(++pages < 500, "the walk ends");
        } while (cursor != null);
        return out;
    }

    @Test
    void deepPaginationWithLimit1IsBoundedExactAndWithoutDuplicates() {
        for (int i = 0; i < 60; i++) {
            String day = "2024-11-" + (27 + i % 3);
            write(store, Fixtures.id(100 + i), day, i % 5 == 0 ? "2024-12-02" : day);
        }
        for (String q : List.of(window("admin1=SY02"), window("country=SYR"), window("country=SYR") + "&status=received",
                window("admin1=SY02&admin2=SY0200"), window("admin1=SY02") + "&actor=Syrian%20Arab%20Army")) {
            var all = get("/v1/reports", q + "&limit=500").send();
            assertEquals(200, all.status(), all.body());
            assertTrue(all.json().get("nextCursor").isNull(), q);
            List<String> expected = ids(all);
            List<String> walked = walk(q, ReportSearch.MAX_QUERIES);
            assertEquals(expected.size(), new HashSet<>(walked).size(), q + ": duplicates in " + walked);
            assertEquals(expected, walked, q);
            System.out.printf("lookup limits | deep paging %s: %d pages of 1, same as one page of 500%n", q, walked.size());
        }
        assertTrue(walk(window("admin1=SY02"), 4).size() >= 67, "an unfiltered page of 1 costs at most 4 Queries");
    }

    @Test
    void theChangeFeedWalkedOneByOneIsBoundedAndExact() {
        var all = get("/v1/changes", "since=2024-01-01T00:00:00Z&limit=1000").send();
        List<String> expected = new ArrayList<>();
        all.json().get("items").forEach(i -> expected.add(i.get("id").asText() + "/" + i.get("revision").asInt()));
        List<String> walked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String since = "2024-01-01T00:00:00Z";
        for (int pages = 0; since != null; pages++) {
            assertTrue(pages < 100, "the walk ends");
            requests.reset();
            var r = get("/v1/changes", "since=" + since + "&limit=1").send();
            assertEquals(200, r.status(), r.body());
            assertTrue(requests.count("Query") <= ChangeFeed.MAX_QUERIES, requests.snapshot().toString());
            r.json().get("items").forEach(i -> {
                String k = i.get("id").asText() + "/" + i.get("revision").asInt();
                assertTrue(seen.add(k), "twice: " + k);
                walked.add(k);
            });
            since = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
        }
        assertEquals(15, expected.size());
        assertEquals(expected, walked);
    }

    @Test
    void limitsAndWindowsSitExactlyWhereApiMdPutsThem() {
        assertEquals(200, get("/v1/reports", window("country=SYR") + "&limit=500").send().status());
        assertEquals(200, get("/v1/reports", window("country=SYR") + "&limit=1").send().status());
        assertEquals(200, get("/v1/figures", "country=SYR&from=2024-01-01&to=2024-12-31").send().status());
        assertEquals(200, get("/v1/figures/daily", "country=SYR&from=2023-03-01&to=2024-02-29").send().status());
        assertEquals(200, get("/v1/changes", "since=2024-01-01T00:00:00Z&limit=1000").send().status());
        requests.reset();
        for (String l : List.of("501", "1000", "100000", "0", "-1", "1e3")) {
            assertProblem(get("/v1/reports", window("country=SYR") + "&limit=" + l).send(), 400);
        }
        assertProblem(get("/v1/changes", "since=2024-01-01T00:00:00Z&limit=1001").send(), 400);
        assertProblem(get("/v1/figures", "country=SYR&from=2024-01-01&to=2025-01-01").send(), 400);
        assertProblem(get("/v1/figures/daily", "country=SYR&from=2023-03-01&to=2024-03-01").send(), 400);
        assertProblem(get("/v1/figures", "country=SYR&from=1900-01-01&to=2024-11-29").send(), 400);
        assertEquals(Map.of(), requests.snapshot(), "refused before any storage request");
    }

    @Test
    void apiMdsExampleSearchWithEmptyFiltersWorks() {
        var r = get("/v1/reports", "country=SYR&admin1=SY02&admin2=&from=2024-11-27&to=2024-11-29&eventType=&scope="
                + "&actor=&sourceKind=&status=&limit=50").send();
        assertEquals(200, r.status(), r.body());
        assertEquals(Fixtures.ALEPPO_WINDOW, ids(r));
    }
}
