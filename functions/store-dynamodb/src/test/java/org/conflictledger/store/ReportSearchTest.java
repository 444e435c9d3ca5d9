package org.conflictledger.store;

import static org.conflictledger.store.Heads.gsk;
import static org.conflictledger.store.Heads.head;
import static org.conflictledger.store.Heads.report;
import static org.conflictledger.store.StoreTable.s;
import static org.conflictledger.store.StoreTable.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ResponseBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * ReportSearch's access pattern (docs/data-model.md, "Indexes (search)"): per page one keyed Query
 * per span partition of the area's index, merged by {@code gsk}. Each test has its own country,
 * so the tests share the class's table without seeing each other's reports.
 */
class ReportSearchTest {

    @RegisterExtension
    static final StoreTable TABLE = new StoreTable("search");

    private final ReportSearch search = new ReportSearch(TABLE.client(), TABLE.name());

    static ReportSearch.Query country(String country, String from, String to) {
        return new ReportSearch.Query(country, null, null, from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), null, null, null, null, null);
    }

    /** The Query of one span partition as ReportSearch sends it, before filters. */
    static QueryRequest.Builder partition(String index, String pkName, String pk, String lo, String hi, int limit) {
        return QueryRequest.builder().tableName(TABLE.name()).indexName(index)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#pk", pkName, "#sk", "gsk"))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":lo", s(lo), ":hi", s(hi)))
                .limit(limit);
    }

    /** The S partition's Query: its key range starts 366 days early, and {@code pend >= from} drops what ended before. */
    static QueryRequest longReports(String country, String lo, String hi, String from) {
        return partition(LedgerTable.BY_COUNTRY, "g0pk", country + "#S", lo, hi, 100)
                .expressionAttributeNames(Map.of("#pk", "g0pk", "#sk", "gsk", "#pend", "pend"))
                .expressionAttributeValues(Map.of(":pk", s(country + "#S"), ":lo", s(lo), ":hi", s(hi),
                        ":from", s(from)))
                .filterExpression("#pend >= :from")
                .build();
    }

    static List<String> ids(List<StoredReport> reports) {
        return reports.stream().map(StoredReport::id).toList();
    }

    @Test
    void aWindowReadsBothSpanPartitionsOnceAndMergesThemByPeriodStart() {
        StoredReport nov2 = report(1, "YEM", "2024-11-02", "2024-11-02");
        StoredReport nov5 = report(2, "YEM", "2024-11-05", "2024-11-05");
        StoredReport oct20 = report(3, "YEM", "2024-10-20", "2024-11-03");  // starts before, overlaps
        StoredReport over = report(4, "YEM", "2024-01-01", "2024-10-31");   // ended the day before `from`
        StoredReport dec1 = report(5, "YEM", "2024-12-01", "2024-12-01");   // after `to`
        TABLE.put(head(nov2), head(nov5), head(oct20), head(over), head(dec1));

        ReportSearch.Page page = search.page(country("YEM", "2024-11-01", "2024-11-30"), 10, null);

        assertEquals(List.of(oct20.id(), nov2.id(), nov5.id()), ids(page.items()));
        assertEquals(ReportJson.write(nov5), ReportJson.write(page.items().get(2)));
        assertNull(page.after());
        assertEquals(2, page.queries());
        assertEquals(List.of(
                        partition(LedgerTable.BY_COUNTRY, "g0pk", "YEM#D", "2024-11-01", "2024-11-30~", 10).build(),
                        // 2024-11-01 minus 366 days (2024 is a leap year): the longest period, validated on write.
                        longReports("YEM", "2023-11-01", "2024-11-30~", "2024-11-01")),
                TABLE.requests());
    }

    @Test
    void anAdmin2SearchReadsItsOwnIndexAndFiltersTheLevelsAboveAndTheAttributes() {
        Consumer<ObjectNode> jebelSaman = t -> ((ObjectNode) t.get("place"))
                .put("admin1", "SY92").put("admin2", "SY9200");
        StoredReport match = report(10, "SDN", "2024-11-02", "2024-11-02", jebelSaman);
        StoredReport otherType = report(11, "SDN", "2024-11-03", "2024-11-03",
                jebelSaman.andThen(t -> t.put("eventType", "protests")));
        StoredReport otherActor = report(12, "SDN", "2024-11-04", "2024-11-04",
                jebelSaman.andThen(t -> t.withArray("actors").removeAll()));
        StoredReport rejected = Heads.withStatus(report(13, "SDN", "2024-11-05", "2024-11-05", jebelSaman),
                Status.REJECTED);
        // Same admin2 code under another admin1: the admin1 filter keeps it out.
        StoredReport elsewhere = report(14, "SDN", "2024-11-06", "2024-11-06",
                t -> ((ObjectNode) t.get("place")).put("admin1", "SY93").put("admin2", "SY9200"));
        TABLE.put(head(match), head(otherType), head(otherActor), head(rejected), head(elsewhere));

        ReportSearch.Query q = new ReportSearch.Query("SDN", "SY92", "SY9200", LocalDate.parse("2024-11-01"),
                LocalDate.parse("2024-11-30"), Set.of(EventType.EXPLOSIONS_REMOTE_VIOLENCE, EventType.BATTLES), null,
                null, Set.of(Status.ACCEPTED), "  hayat TAHRIR al-sham ");
        ReportSearch.Page page = search.page(q, 10, null);

        assertEquals(List.of(match.id()), ids(page.items()));
        assertNull(page.after());
        List<QueryRequest> expected = new ArrayList<>();
        for (String span : List.of("D", "S")) {
            var names = new HashMap<>(Map.of("#pk", "g2pk", "#sk", "gsk", "#g1", "g1pk", "#g0", "g0pk",
                    "#eventType", "eventType", "#status", "status", "#actors", "actors"));
            var values = new HashMap<String, AttributeValue>(Map.of(":pk", s("SY9200#" + span),
                    ":lo", s(span.equals("D") ? "2024-11-01" : "2023-11-01"), ":hi", s("2024-11-30~"),
                    ":g1", s("SY92#" + span), ":g0", s("SDN#" + span),
                    ":eventType0", s("battles"), ":eventType1", s("explosions_remote_violence"),
                    ":status0", s("accepted"), ":actor", s("hayat tahrir al-sham")));
            String filter = "#g1 = :g1 AND #g0 = :g0 AND #eventType IN (:eventType0, :eventType1)"
                    + " AND #status IN (:status0) AND contains(#actors, :actor)";
            if (span.equals("S")) {
                names.put("#pend", "pend");
                values.put(":from", s("2024-11-01"));
                filter = "#pend >= :from AND " + filter;
            }
            // Filters drop items, so each Query reads ahead: at least 100 items.
            expected.add(QueryRequest.builder().tableName(TABLE.name()).indexName(LedgerTable.BY_ADMIN2)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .filterExpression(filter).limit(100).build());
        }
        assertEquals(expected, TABLE.requests());
    }

    @Test
    void anOpenWindowReadsEachPartitionFromItsFirstKeyWithoutFilter() {
        StoredReport longAgo = report(20, "MLI", "1990-01-01", "1990-03-01");
        StoredReport recent = report(21, "MLI", "2024-11-02", "2024-11-02");
        TABLE.put(head(longAgo), head(recent));

        ReportSearch.Page page = search.page(country("MLI", null, null), 5, null);

        assertEquals(List.of(longAgo.id(), recent.id()), ids(page.items()));
        assertEquals(List.of(
                        partition(LedgerTable.BY_COUNTRY, "g0pk", "MLI#D", "0", "~", 5).build(),
                        partition(LedgerTable.BY_COUNTRY, "g0pk", "MLI#S", "0", "~", 5).build()),
                TABLE.requests());
    }

    @Test
    void nothingFoundIsAnEmptyPageWithoutPositionAfterOneQueryPerPartition() {
        TABLE.put(head(report(30, "NER", "2024-10-31", "2024-10-31")));

        ReportSearch.Page page = search.page(country("NER", "2024-11-01", "2024-11-30"), 10, null);

        assertEquals(List.of(), page.items());
        assertNull(page.after());
        assertEquals(2, page.queries());
        assertEquals(2, TABLE.requests(QueryRequest.class).size());
        assertEquals(2, TABLE.requests().size());
    }

    @Test
    void pagesContinueStrictlyAfterTheirPositionWithoutRepeatsOrGaps() {
        List<StoredReport> all = List.of(
                report(40, "UKR", "2024-10-25", "2024-11-02"),
                report(41, "UKR", "2024-11-01", "2024-11-01"),
                report(42, "UKR", "2024-11-03", "2024-11-03"),
                report(43, "UKR", "2024-11-03", "2024-11-03"),  // same day: id decides
                report(44, "UKR", "2024-11-03", "2024-11-07"),
                report(45, "UKR", "2024-11-09", "2024-11-09"));
        TABLE.put(all.stream().map(Heads::head).toList());
        ReportSearch.Query q = country("UKR", "2024-11-01", "2024-11-30");

        List<StoredReport> seen = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        String after = null;
        do {
            TABLE.reset();
            ReportSearch.Page page = search.page(q, 2, after);
            assertEquals(TABLE.requests().size(), page.queries());
            seen.addAll(page.items());
            after = page.after();
            positions.add(after);
            if (after != null) {
                assertEquals(gsk(seen.get(seen.size() - 1)), after);
            }
        } while (after != null && positions.size() < 10);

        assertEquals(ids(all), ids(seen));
        // The last request of the run resumed strictly after the position before it.
        String resume = positions.get(positions.size() - 2) + " ";
        assertEquals(List.of(
                        partition(LedgerTable.BY_COUNTRY, "g0pk", "UKR#D", resume, "2024-11-30~", 2).build(),
                        longReports("UKR", resume, "2024-11-30~", "2024-11-01")),
                TABLE.requests());
    }

    @Test
    void aPageStopsAtTwelveQueriesWithWhatItHasProvenAndTheNextResumesWithoutSkippingAny() {
        // D: 1,150 one-day reports the filter drops, 10 a day from 2024-01-01, read 100 a Query.
        List<Map<String, AttributeValue>> dropped = new ArrayList<>();
        List<String> dKeys = new ArrayList<>();
        for (int i = 0; i < 1150; i++) {
            String key = LocalDate.parse("2024-01-01").plusDays(i / 10) + "#" + Heads.id(1000 + i);
            dKeys.add(key);
            dropped.add(strings("pk", "R#" + i, "sk", "HEAD", "g0pk", "COL#D", "gsk", key, "eventType", "battles"));
        }
        // S: a kept long report, then 150 dropped ones, one a day from 2024-01-06, and a kept one among them.
        List<String> sKeys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String key = LocalDate.parse("2024-01-06").plusDays(i) + "#" + Heads.id(3000 + i);
            sKeys.add(key);
            dropped.add(strings("pk", "R#S" + i, "sk", "HEAD", "g0pk", "COL#S", "gsk", key, "eventType", "battles",
                    "pend", "2024-12-31"));
        }
        TABLE.put(dropped);
        StoredReport kept = report(50, "COL", "2024-01-05", "2024-01-10", t -> t.put("eventType", "riots"));
        StoredReport later = report(51, "COL", "2024-04-16", "2024-04-20", t -> t.put("eventType", "riots"));
        TABLE.put(head(kept), head(later));
        ReportSearch.Query q = new ReportSearch.Query("COL", null, null, LocalDate.parse("2024-01-01"),
                LocalDate.parse("2024-12-31"), Set.of(EventType.RIOTS), null, null, null, null);

        ReportSearch.Page first = search.page(q, 10, null);

        // Query 1 and 3..12 read the D partition, 100 items each; query 2 read S's first 100 items
        // (the kept report and dropped ones through 2024-04-13), and S was not read again: its head
        // was known while D, empty after each read, had to be read on.
        assertEquals(ReportSearch.MAX_QUERIES, first.queries());
        List<QueryRequest> sent = TABLE.requests(QueryRequest.class);
        assertEquals(ReportSearch.MAX_QUERIES, TABLE.requests().size());
        List<String> dLows = sent.stream().filter(r -> r.expressionAttributeValues().get(":pk").s().equals("COL#D"))
                .map(r -> r.expressionAttributeValues().get(":lo").s()).toList();
        List<String> expectedLows = new ArrayList<>(List.of("2024-01-01"));
        for (int read = 100; read < 1100; read += 100) {
            expectedLows.add(dKeys.get(read - 1) + " ");
        }
        assertEquals(expectedLows, dLows);
        assertEquals(List.of(100), sent.stream().map(QueryRequest::limit).distinct().toList());
        // D was read through 2024-04-19, S only through its 100th key (2024-04-13): every report up
        // to the lower of the two was seen, so the kept one goes out and the page ends there.
        assertEquals(List.of(kept.id()), ids(first.items()));
        assertEquals(sKeys.get(98), first.after());

        TABLE.reset();
        ReportSearch.Page second = search.page(q, 10, first.after());

        assertEquals(List.of(later.id()), ids(second.items()));
        assertNull(second.after());
        // D from the position (100 of its last 110), S from the position (to its end), D on.
        assertEquals(List.of(sKeys.get(98) + " ", sKeys.get(98) + " ", dKeys.get(1139) + " "),
                TABLE.requests(QueryRequest.class).stream().map(r -> r.expressionAttributeValues().get(":lo").s())
                        .toList());
        assertEquals(3, second.queries());
    }

    @Test
    void aPageEndsOnceItsDocumentsReachTheByteBudget() {
        StoredReport a = report(60, "SOM", "2024-11-01", "2024-11-01");
        StoredReport b = report(61, "SOM", "2024-11-02", "2024-11-02");
        StoredReport c = report(62, "SOM", "2024-11-03", "2024-11-03");
        TABLE.put(head(a), head(b), head(c));
        ReportSearch.Query q = country("SOM", null, null);
        long first = ResponseBudget.encodedSize(ReportJson.write(a));

        ReportSearch.Page reached = search.page(q, 10, null, first);
        ReportSearch.Page under = search.page(q, 10, null, first + 1);

        assertEquals(List.of(a.id()), ids(reached.items()));
        assertEquals(gsk(a), reached.after());
        assertEquals(List.of(a.id(), b.id()), ids(under.items()));
        assertEquals(gsk(b), under.after());
        assertEquals(4, TABLE.requests().size());
    }
}
