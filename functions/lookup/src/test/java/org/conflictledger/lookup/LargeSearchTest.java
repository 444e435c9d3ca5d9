package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.ReportSearch;
import org.conflictledger.testing.Bulk;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** 10,000 reports in the table: a 500-item page, timed (printed, not asserted), and a full walk. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class LargeSearchTest extends LookupTestBase {

    static final int REPORTS = 10_000;

    @Override
    boolean seeds() {
        return false;
    }

    @Test
    void aFullPageOfFiveHundredAmongTenThousand() {
        Random random = new Random(20241127);
        ReportReader reader = new ReportReader(new ReportValidator(Clock.systemUTC()));
        LocalDate first = LocalDate.of(2023, 7, 1);
        String[] admin1 = {"SY02", "SY02", "SY02", "SY01", "SY07"};
        List<StoredReport> all = new ArrayList<>(REPORTS);
        for (int n = 0; n < REPORTS; n++) {
            LocalDate start = first.plusDays(random.nextInt(540));
            boolean longSpan = random.nextInt(20) == 0;
            LocalDate end = longSpan ? start.plusDays(1 + random.nextInt(200)) : start;
            String a1 = admin1[random.nextInt(admin1.length)];
            String body = Fixtures.body(longSpan ? "period_total" : "incident", n % 3 == 0 ? "witness" : "monitor",
                    n % 2 == 0 ? "مرصد " + n : "Monitor " + n, n % 3 == 0, start.toString(), end.toString(), "SYR", a1,
                    a1 + "0" + random.nextInt(5), n % 2 == 0 ? "حلب" : "Aleppo", "\"lat\": 36.2, \"lon\": 37.1",
                    n % 3 == 0 ? "exact" : "admin2", "explosions_remote_violence", "shelling_artillery_missile_attack",
                    n % 1499 == 0 ? "Hayat Tahrir al-Sham" : "Syrian Arab Army", Fixtures.killed(random.nextInt(50)), "تقرير رقم " + n + ", shelling", "ar");
            Report report = reader.read(body.getBytes(StandardCharsets.UTF_8));
            Instant at = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n);
            all.add(new StoredReport(Fixtures.id(1000 + n), 1, Status.RECEIVED, "rep-" + (n % 7), at, at, null, report));
        }
        long t0 = System.nanoTime();
        Bulk.heads(db, MotoResource.TABLE, all);
        System.out.printf("seeded %d report heads in %d ms%n", REPORTS, (System.nanoTime() - t0) / 1_000_000);

        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 6, 30);
        List<String> expected = all.stream()
                .filter(r -> "SY02".equals(r.report().place().admin1()) && r.report().period().overlaps(from, to))
                .sorted(Comparator.comparing((StoredReport r) -> r.report().period().start()).thenComparing(StoredReport::id))
                .map(StoredReport::id).toList();
        assertTrue(expected.size() > 1500, "enough matches for several full pages: " + expected.size());
        String query = "admin1=SY02&from=" + from + "&to=" + to + "&limit=500";

        requests.reset();
        long p0 = System.nanoTime();
        var page = get("/v1/reports", query).send();
        long pageMillis = (System.nanoTime() - p0) / 1_000_000;
        assertEquals(200, page.status());
        assertEquals(500, page.json().get("items").size());
        assertEquals(expected.subList(0, 500), ids(page));
        long queries = requests.count("Query");
        System.out.printf("first 500-item page of %d matches among %d reports: %d ms, %d Query calls, %d bytes%n",
                expected.size(), REPORTS, pageMillis, queries, page.body().length());
        assertTrue(queries >= 2 && queries <= ReportSearch.MAX_QUERIES, "queries: " + queries);

        long c0 = System.nanoTime();
        var csv = get("/v1/reports", query).header("Accept", "text/csv").send();
        System.out.printf("the same page as CSV: %d ms%n", (System.nanoTime() - c0) / 1_000_000);
        assertEquals(502, Csv.parse(csv.body()).size());

        // The whole walk: every match exactly once, in order.
        List<String> walked = new ArrayList<>(ids(page));
        String cursor = page.json().get("nextCursor").asText();
        long w0 = System.nanoTime();
        while (cursor != null) {
            var r = get("/v1/reports", query + "&cursor=" + cursor).send();
            assertEquals(200, r.status(), r.body());
            walked.addAll(ids(r));
            cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
        }
        System.out.printf("walked %d matches in %d ms%n", walked.size(), (System.nanoTime() - w0) / 1_000_000);
        Set<String> unique = new HashSet<>(walked);
        assertEquals(walked.size(), unique.size(), "no duplicates");
        assertEquals(expected, walked);

        // A selective filter: pages stop on their Query budget, come back short, and still miss nothing.
        List<String> rare = all.stream()
                .filter(r -> "SY02".equals(r.report().place().admin1())
                        && r.report().actors().get(0).name().equals("Hayat Tahrir al-Sham"))
                .sorted(Comparator.comparing((StoredReport r) -> r.report().period().start()).thenComparing(StoredReport::id))
                .map(StoredReport::id).toList();
        String filtered = "admin1=SY02&from=2023-01-01&to=2024-12-31&actor=hayat%20tahrir%20al-sham&limit=2";
        List<String> found = new ArrayList<>();
        int shortPagesWithMore = 0;
        String next = null;
        do {
            requests.reset();
            var r = get("/v1/reports", filtered + (next == null ? "" : "&cursor=" + next)).send();
            assertEquals(200, r.status(), r.body());
            assertTrue(requests.count("Query") <= ReportSearch.MAX_QUERIES, "bounded: " + requests.snapshot());
            next = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
            if (next != null && r.json().get("items").size() < 2) {
                shortPagesWithMore++;
            }
            found.addAll(ids(r));
        } while (next != null);
        assertTrue(rare.size() >= 2, "rare matches: " + rare.size());
        assertEquals(rare, found);
        assertTrue(shortPagesWithMore > 0, "the Query budget ended some pages early");
    }
}
