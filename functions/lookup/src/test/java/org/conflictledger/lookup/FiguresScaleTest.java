package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conflictledger.aggregate.Aggregator;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ReportReader;
import org.conflictledger.domain.validation.ReportValidator;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.Keys;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 12, items 2 and 5: a day far busier than one DynamoDB item can hold is aggregated and
 * served, and the figures route costs a fixed number of Queries however many areas the period
 * totals name (docs/lookup.md, docs/data-model.md).
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class FiguresScaleTest extends LookupTestBase {

    /** DynamoDB's item size limit. */
    static final int ITEM_LIMIT = 400 * 1024;
    int n;

    @Override
    boolean seeds() {
        return false;
    }

    StoredReport parse(String json) {
        var r = new ReportReader(new ReportValidator(Clock.systemUTC())).read(json.getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new StoredReport(String.format("01JDRZ5V7N3P2Q8R4S6%07d", ++n), 1, Status.RECEIVED, "rep-1", now, now, null, r);
    }

    /** An incident with all 30 (metric, group) figures and a long source name of its own. */
    static String fullIncident(int i, String admin2) {
        List<String> figures = new ArrayList<>();
        for (Metric m : Metric.values()) {
            for (Group g : Group.values()) {
                long v = switch (g) {
                    case ALL -> 10;
                    case CIVILIANS -> 5;
                    case COMBATANTS -> 3;
                    case UNKNOWN -> 2;
                    default -> 1;
                };
                figures.add(FiguresTest.fig(m.toString(), g.toString(), v, "exact"));
            }
        }
        String source = ("Local coordination committee of the eastern countryside, reporter desk number " + i + " ")
                .repeat(4).substring(0, 290);
        return FiguresTest.report("incident", "witness", source, "2024-11-28T20:00:00Z", "2024-11-28", "2024-11-28",
                admin2, null, String.join(",", figures), null);
    }

    void write(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            var request = Map.of(MotoResource.TABLE, items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList());
            assertTrue(db.batchWriteItem(b -> b.requestItems(request)).unprocessedItems().isEmpty());
        }
    }

    Aggregator.Summary aggregate() {
        return new Aggregator(new AggregationStore(db, MotoResource.TABLE), Clock.systemUTC())
                .run(Instant.now().plusSeconds(600));
    }

    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var e : item.entrySet()) {
            bytes += e.getKey().length();
            AttributeValue v = e.getValue();
            bytes += v.s() != null ? v.s().getBytes(StandardCharsets.UTF_8).length : v.toString().length();
        }
        return bytes;
    }

    void busyDay(int reports, int districts) {
        // The day's items as submit leaves them (members, sequence, marker), written in batches:
        // moto copies the whole table for every transaction, which would make this test minutes long.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String day = Keys.day("SYR", LocalDate.parse("2024-11-28"));
        for (int i = 0; i < reports; i++) {
            StoredReport r = parse(fullIncident(i, "SY02" + String.format("%02d", i % districts)));
            items.add(Map.of("pk", AttributeValue.fromS(day), "sk", AttributeValue.fromS(Keys.dayMember(r.id())),
                    "doc", AttributeValue.fromS(ReportJson.write(r)), "w", AttributeValue.fromS("w" + i)));
        }
        String last = "w" + (reports - 1);
        items.add(Map.of("pk", AttributeValue.fromS(day), "sk", AttributeValue.fromS(Keys.META),
                "seq", AttributeValue.fromN(Integer.toString(reports)), "w", AttributeValue.fromS(last)));
        items.add(Map.of("pk", AttributeValue.fromS(Keys.MARKERS), "sk", AttributeValue.fromS(Keys.marker("SYR",
                LocalDate.parse("2024-11-28"))), "tok", AttributeValue.fromS(last), "country", AttributeValue.fromS("SYR"),
                "d", AttributeValue.fromS("2024-11-28"), "pending", AttributeValue.fromN(Integer.toString(reports)),
                "since", AttributeValue.fromS(Instant.now().toString())));
        write(items);
        var run = aggregate();
        assertEquals(0, run.daysFailed(), run.toString());
        assertEquals(1, run.partitionsRecomputed(), run.toString());
        assertEquals(0, Table.count(db, MotoResource.TABLE, "M"), "the day's marker is cleared");
        long largest = Table.items(db, MotoResource.TABLE, "G#").stream().mapToLong(FiguresScaleTest::size).max().orElse(0);
        assertTrue(largest < ITEM_LIMIT / 2, "largest figures item " + largest + " bytes");

        for (String query : List.of("country=SYR", "country=SYR&admin1=SY02", "country=SYR&admin1=SY02&admin2=SY0200")) {
            requests.reset();
            var r = get("/v1/figures", query + "&from=2024-11-01&to=2024-11-30").send();
            assertEquals(200, r.status(), r.body());
            assertTrue(requests.count("Query") <= 4 && requests.count("Query") == requests.total(), requests.snapshot().toString());
            JsonNode figures = r.json().get("figures");
            assertEquals(30, figures.size(), query);
            int expected = query.contains("admin2") ? (reports + districts - 1) / districts : reports;
            for (JsonNode f : figures) {
                assertEquals(expected, f.get("reports").size(), query + " " + f);
                assertEquals(expected, f.get("sources").asInt(), query + " " + f);
            }
            var daily = get("/v1/figures/daily", query + "&from=2024-11-28&to=2024-11-28").send();
            assertEquals(200, daily.status(), daily.body());
            assertEquals(expected, daily.json().at("/days/0/figures/0/reports").size());
        }
        System.out.printf("figures scale: %d fully broken-down reports in a day, largest item %d bytes%n", reports, largest);
    }

    @Test
    void aBatchOfSixtyFullyBrokenDownIncidentsIsAggregatedAndServed() {
        busyDay(60, 1);
    }

    @Test
    void aBusyDayOf460FullyBrokenDownReportsIsAggregatedAndServed() {
        busyDay(460, 10);
    }

    @Test
    void theFiguresRouteCostsAFixedNumberOfQueriesHoweverManyAreasThePeriodTotalsName() {
        // Incidents in two real districts; 600 period totals, each naming another admin2 (the probe had 544) (made up).
        store.create(parse(FiguresTest.report("incident", "monitor", "SNHR", "2024-11-28T22:00:00Z", "2024-11-28",
                "2024-11-28", "SY0200", null, FiguresTest.fig("killed", "all", 10, "exact"), null)), null);
        store.create(parse(FiguresTest.report("incident", "monitor", "SNHR", "2024-11-28T22:00:00Z", "2024-11-28",
                "2024-11-28", "SY0201", null, FiguresTest.fig("killed", "all", 3, "exact"), null)), null);
        aggregate();
        List<StoredReport> totals = new ArrayList<>();
        // SOHR: 15 in SY0200 (where the incidents were 10): a gain of 5 over the incidents.
        totals.add(parse(FiguresTest.report("period_total", "monitor", "SOHR", "2024-11-29T22:00:00Z", "2024-11-27",
                "2024-11-29", "SY0200", null, FiguresTest.fig("killed", "all", 15, "exact"), null)));
        for (int i = 0; i < 600; i++) {
            totals.add(parse(FiguresTest.report("period_total", "monitor", "M" + i, "2024-11-29T22:00:00Z",
                    "2024-11-27", "2024-11-29", "SY02X" + String.format("%04d", i), null,
                    FiguresTest.fig("killed", "all", 0, "exact"), null)));
        }
        write(totals.stream().map(t -> Map.of(
                "pk", AttributeValue.fromS(Keys.nonIncidents("SYR")),
                "sk", AttributeValue.fromS(Keys.nonIncidentSort(t)),
                "doc", AttributeValue.fromS(ReportJson.write(t)))).toList());
        requests.reset();
        var r = get("/v1/figures", "country=SYR&admin1=SY02&from=2024-11-27&to=2024-11-29&metric=killed&group=all").send();
        assertEquals(200, r.status(), r.body());
        // own days (whose heads carry the finer areas' numbers), the area's other reports, pending
        // markers: at most four Queries,
        // the second paged per MB of period totals (before: one more Query per area named)
        assertEquals(requests.total(), requests.count("Query"), requests.snapshot().toString());
        assertTrue(requests.total() <= 6, requests.snapshot().toString());
        JsonNode f = r.json().get("figures").get(0);
        // incidents 13; SOHR's SY0200 total (15, where the incidents were 10) gives 13 + 5 = 18, so the
        // finer area's stored numbers were read; the made-up districts' totals of 0 give 13 each
        assertEquals(13, f.get("low").asLong(), f.toString());
        assertEquals(18, f.get("high").asLong(), f.toString());
        System.out.printf("figures budget: %d period totals naming %d areas, %d requests%n",
                totals.size(), totals.size(), requests.total());
    }
}
