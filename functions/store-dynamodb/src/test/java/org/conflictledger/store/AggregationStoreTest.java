package org.conflictledger.store;

import static org.conflictledger.store.FigureItemsTest.ids;
import static org.conflictledger.store.FigureItemsTest.killed;
import static org.conflictledger.store.StoreTable.key;
import static org.conflictledger.store.StoreTable.n;
import static org.conflictledger.store.StoreTable.s;
import static org.conflictledger.store.StoreTable.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.json.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * AggregationStore's access patterns (docs/data-model.md, "Aggregation"): the day's consistent
 * Query, the seq-guarded figures transaction(s) with the sequence item last, the stored figures'
 * one Query, and the markers a run reads, sets and clears only while untouched. Each test has its
 * own country, so the tests share the class's table without seeing each other's items.
 */
class AggregationStoreTest {

    @RegisterExtension
    static final StoreTable TABLE = new StoreTable("aggregation");

    static final LocalDate DAY = FigureItemsTest.DAY;
    static final Instant AT = Instant.parse("2024-11-28T00:05:00Z");
    static final String SEQ_GUARD = "attribute_not_exists(seq) OR seq <= :seq";

    private final AggregationStore store = new AggregationStore(TABLE.client(), TABLE.name());

    static DynamoQuery query(String keyCondition, Map<String, AttributeValue> values) {
        return new DynamoQuery(keyCondition, values);
    }

    /** A keyed Query as the store sends it: table, key condition and values, and whether it is consistent. */
    record DynamoQuery(String keyCondition, Map<String, AttributeValue> values) {
        QueryRequest consistent() {
            return plain().toBuilder().consistentRead(true).build();
        }

        QueryRequest plain() {
            return QueryRequest.builder().tableName(TABLE.name()).keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values).build();
        }
    }

    static Map<String, AttributeValue> marker(String country, String day, String token, long pending) {
        Map<String, AttributeValue> m = strings("pk", "M", "sk", country + "#" + day, "tok", token,
                "country", country, "d", day, "since", "2024-11-27T10:00:00Z");
        m.put("pending", n(pending));
        return m;
    }

    static Map<String, AttributeValue> member(String country, StoredReport r, String write) {
        return strings("pk", Keys.day(country, DAY), "sk", "R#" + r.id(), "doc", ReportJson.write(r), "w", write);
    }

    static Map<String, AttributeValue> meta(String country, long seq, String write, String member, boolean present) {
        Map<String, AttributeValue> m = strings("pk", Keys.day(country, DAY), "sk", "#META", "w", write, "wr", member);
        m.put("seq", n(seq));
        m.put("wp", AttributeValue.builder().bool(present).build());
        return m;
    }

    // ---- markers --------------------------------------------------------------------------

    @Test
    void markersArePagedWithConsistentQueriesOfTheirOnePartition() {
        TABLE.clear("M");
        TABLE.put(marker("SYR", "2024-11-27", "w1", 2), marker("SYR", "2024-11-28", "w2", 1),
                marker("YEM", "2024-11-27", "w3", 5));

        AggregationStore.MarkerPage first = store.markers(null, 2);
        AggregationStore.MarkerPage second = store.markers(first.next(), 2);

        assertEquals(List.of(
                new AggregationStore.Marker("SYR", DAY, "w1", 2, Instant.parse("2024-11-27T10:00:00Z")),
                new AggregationStore.Marker("SYR", DAY.plusDays(1), "w2", 1, Instant.parse("2024-11-27T10:00:00Z"))),
                first.markers());
        assertEquals(key("M", "SYR#2024-11-28"), first.next());
        assertEquals(List.of("w3"), second.markers().stream().map(AggregationStore.Marker::token).toList());
        assertNull(second.next());
        QueryRequest page = query("pk = :pk", Map.of(":pk", s("M"))).consistent().toBuilder().limit(2).build();
        assertEquals(List.of(page, page.toBuilder().exclusiveStartKey(first.next()).build()), TABLE.requests());
    }

    @Test
    void pendingSumsTheMarkersOfACountrysDaysInOneConsistentQuery() {
        TABLE.put(marker("IRQ", "2024-11-26", "w1", 100), marker("IRQ", "2024-11-27", "w1", 2),
                marker("IRQ", "2024-11-29", "w2", 3), marker("IRQ", "2024-11-30", "w2", 100));

        assertEquals(5, store.pending("IRQ", DAY, LocalDate.parse("2024-11-29")));
        assertEquals(query("pk = :pk AND sk BETWEEN :a AND :b", Map.of(":pk", s("M"),
                        ":a", s("IRQ#2024-11-27"), ":b", s("IRQ#2024-11-29"))).consistent(),
                TABLE.only(QueryRequest.class));
    }

    @Test
    void aMarkerIsClearedOnlyIfNoReportTouchedItsDaySinceTheRunReadIt() {
        TABLE.put(marker("LBY", "2024-11-27", "w1", 1), marker("LBY", "2024-11-28", "w9", 1));
        AggregationStore.Marker untouched = new AggregationStore.Marker("LBY", DAY, "w1", 1, null);
        AggregationStore.Marker touched = new AggregationStore.Marker("LBY", DAY.plusDays(1), "w8", 1, null);

        assertTrue(store.clearMarker(untouched));
        assertFalse(store.clearMarker(touched));

        assertEquals(Optional.empty(), TABLE.item("M", "LBY#2024-11-27"));
        assertEquals(s("w9"), TABLE.item("M", "LBY#2024-11-28").orElseThrow().get("tok"));
        assertEquals(List.of(
                        DeleteItemRequest.builder().tableName(TABLE.name()).key(key("M", "LBY#2024-11-27"))
                                .conditionExpression("tok = :t").expressionAttributeValues(Map.of(":t", s("w1"))).build(),
                        DeleteItemRequest.builder().tableName(TABLE.name()).key(key("M", "LBY#2024-11-28"))
                                .conditionExpression("tok = :t").expressionAttributeValues(Map.of(":t", s("w8"))).build()),
                TABLE.requests());
    }

    @Test
    void markingADayKeepsItsPendingCountAndFirstChange() {
        TABLE.put(marker("AFG", "2024-11-27", "w1", 4));
        Instant now = Instant.parse("2024-12-01T12:00:00Z");

        store.mark("AFG", DAY, "w2", now);
        store.mark("AFG", DAY.plusDays(1), "w3", now);

        Map<String, AttributeValue> kept = TABLE.item("M", "AFG#2024-11-27").orElseThrow();
        assertEquals(List.of(s("w2"), n(4), s("2024-11-27T10:00:00Z")), List.of(kept.get("tok"), kept.get("pending"),
                kept.get("since")));
        Map<String, AttributeValue> fresh = TABLE.item("M", "AFG#2024-11-28").orElseThrow();
        assertEquals(List.of(s("w3"), n(0), s(now.toString())), List.of(fresh.get("tok"), fresh.get("pending"),
                fresh.get("since")));
        assertEquals(UpdateItemRequest.builder().tableName(TABLE.name()).key(key("M", "AFG#2024-11-27"))
                        .updateExpression("SET tok = :w, country = :c, d = :d, since = if_not_exists(since, :now)"
                                + " ADD pending :zero")
                        .expressionAttributeValues(Map.of(":w", s("w2"), ":c", s("AFG"), ":d", s("2024-11-27"),
                                ":now", s(now.toString()), ":zero", n(0)))
                        .build(),
                TABLE.requests().get(0));
        assertEquals(2, TABLE.requests().size());
    }

    // ---- the day, the registry ------------------------------------------------------------

    @Test
    void aDayIsOneConsistentQueryOfItsMembersAndSequenceItem() {
        StoredReport r1 = Heads.report(1, "SSD", "2024-11-27", "2024-11-27");
        StoredReport r2 = Heads.report(2, "SSD", "2024-11-27", "2024-11-27");
        Map<String, AttributeValue> seq = meta("SSD", 5, "w5", r1.id(), true);
        seq.put("figSeq", n(3));
        seq.put("units", AttributeValue.builder().ss("SSD", "SSD/SS01").build());
        seq.put("parts", AttributeValue.builder().m(Map.of("SSD", s("0/0"), "SSD/SS01", s("2/1"))).build());
        TABLE.put(seq, member("SSD", r1, "w5"), member("SSD", r2, "w4"));

        AggregationStore.DayData d = store.day("SSD", DAY);

        assertEquals(new AggregationStore.DayData(5, Set.of("SSD", "SSD/SS01"), 3, List.of(r1, r2), "w5", true,
                Map.of("SSD", new AggregationStore.Parts(0, 0), "SSD/SS01", new AggregationStore.Parts(2, 1))), d);
        assertEquals(query("pk = :pk", Map.of(":pk", s("D#SSD#2024-11-27"))).consistent(),
                TABLE.only(QueryRequest.class));
    }

    @Test
    void aDayReadWhileItsLastWriteIsOnlyPartlyVisibleIsIncomplete() {
        StoredReport r = Heads.report(3, "X", "2024-11-27", "2024-11-27");
        // The last write (w7) put its member, but the Query still sees the member of w6.
        TABLE.put(meta("CAF", 7, "w7", r.id(), true), member("CAF", r, "w6"));
        // The last write (w3) removed its member, which is still there.
        TABLE.put(meta("TCD", 3, "w3", r.id(), false), member("TCD", r, "w2"));
        // The last write (w4) removed its member, and it is gone.
        TABLE.put(meta("MOZ", 4, "w4", r.id(), false));

        assertFalse(store.day("CAF", DAY).complete());
        assertFalse(store.day("TCD", DAY).complete());
        assertTrue(store.day("MOZ", DAY).complete());
        assertEquals(3, TABLE.requests(QueryRequest.class).size());
    }

    @Test
    void countriesAreRegisteredAndListedByKeyAndTheLastWriteOfADayIsAConsistentGet() {
        store.registerCountry("SYR");
        store.registerCountry("YEM");
        List<String> countries = store.countries();
        TABLE.put(meta("BFA", 2, "w2", "r", true));
        Optional<String> last = store.lastWrite("BFA", DAY);
        Optional<String> none = store.lastWrite("BFA", DAY.plusDays(1));

        assertEquals(List.of("SYR", "YEM"), countries);
        assertEquals(Optional.of("w2"), last);
        assertEquals(Optional.empty(), none);
        assertEquals(List.of(
                        PutItemRequest.builder().tableName(TABLE.name()).item(key("COUNTRIES", "SYR")).build(),
                        PutItemRequest.builder().tableName(TABLE.name()).item(key("COUNTRIES", "YEM")).build(),
                        query("pk = :pk", Map.of(":pk", s("COUNTRIES"))).consistent(),
                        GetItemRequest.builder().tableName(TABLE.name()).key(key("D#BFA#2024-11-27", "#META"))
                                .consistentRead(true).build(),
                        GetItemRequest.builder().tableName(TABLE.name()).key(key("D#BFA#2024-11-28", "#META"))
                                .consistentRead(true).build()),
                TABLE.requests());
    }

    @Test
    void nonIncidentReportsOfACountryAreOneQueryByPeriodStart() {
        StoredReport inside = Heads.report(4, "PSE", "2024-11-27", "2024-11-29");
        StoredReport before = Heads.report(5, "PSE", "2024-11-20", "2024-11-29");
        for (StoredReport r : List.of(inside, before)) {
            TABLE.put(strings("pk", "N#PSE", "sk", r.report().period().start() + "#" + r.id(), "doc", ReportJson.write(r)));
        }

        assertEquals(List.of(inside), store.nonIncidents("PSE", DAY, LocalDate.parse("2024-11-30")));
        assertEquals(query("pk = :pk AND sk BETWEEN :a AND :b", Map.of(":pk", s("N#PSE"), ":a", s("2024-11-27"),
                ":b", s("2024-11-30~"))).plain(), TABLE.only(QueryRequest.class));
    }

    @Test
    void aQueryCutAtOneMegabyteGoesOnFromItsLastEvaluatedKey() {
        List<StoredReport> big = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StoredReport r = Heads.report(70 + i, "NPL", "2024-11-2" + i, "2024-11-29",
                    t -> t.put("summary", "x".repeat(300_000)));
            big.add(r);
            TABLE.put(strings("pk", "N#NPL", "sk", r.report().period().start() + "#" + r.id(), "doc", ReportJson.write(r)));
        }

        assertEquals(big, store.nonIncidents("NPL", LocalDate.parse("2024-11-01"), LocalDate.parse("2024-11-30")));
        QueryRequest first = query("pk = :pk AND sk BETWEEN :a AND :b", Map.of(":pk", s("N#NPL"), ":a", s("2024-11-01"),
                ":b", s("2024-11-30~"))).plain();
        assertEquals(List.of(first, first.toBuilder()
                        .exclusiveStartKey(key("N#NPL", "2024-11-22#" + big.get(2).id())).build()),
                TABLE.requests());
    }

    // ---- figures --------------------------------------------------------------------------

    /** The figures Query of an area over [from, to]: heads and their id parts in one key range. */
    static QueryRequest figuresQuery(Area area, LocalDate from, LocalDate to) {
        return query("pk = :pk AND sk BETWEEN :a AND :b", Map.of(":pk", s("G#" + area.key()),
                ":a", s(from.toString()), ":b", s(to + "~"))).plain();
    }

    static AggregationStore.DayData nothingStored(long seq) {
        return new AggregationStore.DayData(seq, Set.of(), 0, List.of(), null, true);
    }

    @Test
    void aUsualDayIsOneTransactionOfSeqGuardedHeadsWithTheSequenceItemLast() {
        Area kenya = Area.country("KEN");
        Area nairobi = new Area("KEN", "KE30", null);
        AreaDay country = killed(kenya, 12, ids(3, 10), new TreeSet<>(List.of("monitor|sohr")));
        AreaDay admin1 = killed(nairobi, 12, ids(3, 10), new TreeSet<>(List.of("monitor|sohr")));

        assertTrue(store.writeFigures("KEN", DAY, 7, List.of(country, admin1), nothingStored(7), AT));

        FigureItems.Encoded k = FigureItems.encode(country, List.of(admin1));
        FigureItems.Encoded n = FigureItems.encode(admin1, List.of());
        TransactWriteItemsRequest expected = TransactWriteItemsRequest.builder().transactItems(
                head(kenya, 7, k, n(0), n(0)),
                head(nairobi, 7, n, n(0), n(0)),
                TransactWriteItem.builder().update(Update.builder().tableName(TABLE.name())
                        .key(key("D#KEN#2024-11-27", "#META"))
                        .conditionExpression("attribute_not_exists(figSeq) OR figSeq <= :seq")
                        .updateExpression("SET figSeq = :seq, units = :u, parts = :p")
                        .expressionAttributeValues(Map.of(":seq", n(7),
                                ":u", AttributeValue.builder().ss("KEN", "KEN/KE30").build(),
                                ":p", AttributeValue.builder().m(Map.of("KEN", s("0/0"), "KEN/KE30", s("0/0"))).build()))
                        .build()).build()).build();
        assertEquals(expected, TABLE.only(TransactWriteItemsRequest.class));

        TABLE.reset();
        List<AggregationStore.StoredDay> stored = store.figures(kenya, DAY, DAY);

        assertEquals(List.of(country), stored.stream().map(AggregationStore.StoredDay::figures).toList());
        assertEquals(List.of(7L, AT), List.of(stored.get(0).seq(), stored.get(0).computedAt()));
        assertEquals(figuresQuery(kenya, DAY, DAY), TABLE.only(QueryRequest.class));
        // The finer areas' numbers came with the head: no further request.
        TABLE.reset();
        var finer = store.finerFigures(kenya, DAY, DAY, stored, Set.of(nairobi));
        assertEquals(Set.of(nairobi), finer.keySet());
        assertEquals(12, finer.get(nairobi).get(0).figures().values().iterator().next().best());
        assertEquals(List.of(), TABLE.requests());
    }

    /** A head item with its one id part and finer-area part inline, as a usual day stores it. */
    private static TransactWriteItem head(Area area, long seq, FigureItems.Encoded e, AttributeValue parts,
                                          AttributeValue bparts) {
        Map<String, AttributeValue> item = new HashMap<>(strings("pk", "G#" + area.key(),
                "sk", DAY.toString(), "at", AT.toString(), "num", e.num(), "ids", e.parts().get(0)));
        item.put("seq", n(seq));
        item.put("parts", parts);
        item.put("bparts", bparts);
        if (e.breakdown().size() == 1) {
            item.put("units", s(e.breakdown().get(0)));
        }
        return TransactWriteItem.builder().put(Put.builder().tableName(TABLE.name()).item(item)
                .conditionExpression(SEQ_GUARD).expressionAttributeValues(Map.of(":seq", n(seq))).build()).build();
    }

    @Test
    void anOlderResultNeverOverwritesANewerOne() {
        Area eth = Area.country("ETH");
        AreaDay newer = killed(eth, 9, ids(2, 10), new TreeSet<>());
        assertTrue(store.writeFigures("ETH", DAY, 9, List.of(newer), nothingStored(9), AT));
        TABLE.reset();

        assertFalse(store.writeFigures("ETH", DAY, 8, List.of(killed(eth, 1, ids(1, 10), new TreeSet<>())),
                nothingStored(8), AT));

        assertEquals(1, TABLE.requests(TransactWriteItemsRequest.class).size());
        assertEquals(1, TABLE.requests().size());
        assertEquals(List.of(newer), store.figures(eth, DAY, DAY).stream().map(AggregationStore.StoredDay::figures).toList());
        assertEquals(n(9), TABLE.item("D#ETH#2024-11-27", "#META").orElseThrow().get("figSeq"));
    }

    @Test
    void aBusyDaysIdsGoInPartsBeforeTheirHeadAndTheNextSeqDeletesThemAndTheAreasThatLostTheirIncidents() {
        Area mali = Area.country("MLI");
        Area gao = new Area("MLI", "ML07", null);
        TreeSet<String> many = ids(1001, 91);  // one id past a part's bound: two parts
        AreaDay busy = killed(gao, 40, many, new TreeSet<>());
        AreaDay country = killed(mali, 40, many, new TreeSet<>());
        TABLE.put(meta("MLI", 2, "w2", "r", false));  // the submit side's sequence item

        assertTrue(store.writeFigures("MLI", DAY, 1, List.of(country, busy), nothingStored(1), AT));

        TransactWriteItemsRequest first = TABLE.only(TransactWriteItemsRequest.class);
        List<String> order = first.transactItems().stream().map(AggregationStoreTest::describe).toList();
        assertEquals(List.of(
                "put G#MLI 2024-11-27#0000000001#000", "put G#MLI 2024-11-27#0000000001#001", "put G#MLI 2024-11-27",
                "put G#MLI/ML07 2024-11-27#0000000001#000", "put G#MLI/ML07 2024-11-27#0000000001#001",
                "put G#MLI/ML07 2024-11-27", "update D#MLI#2024-11-27 #META"), order);
        assertEquals(Put.builder().tableName(TABLE.name()).item(Map.of("pk", s("G#MLI/ML07"),
                        "sk", s("2024-11-27#0000000001#000"), "seq", n(1),
                        "ids", s(FigureItems.encode(busy, List.of()).parts().get(0)))).build(),
                first.transactItems().get(3).put(), "a part is unconditional: its seq is in its key");
        Map<String, AttributeValue> stored = TABLE.item("G#MLI/ML07", "2024-11-27").orElseThrow();
        assertEquals(List.of(n(2), n(0), false), List.of(stored.get("parts"), stored.get("bparts"), stored.containsKey("ids")));
        TABLE.reset();
        assertEquals(List.of(busy), store.figures(gao, DAY, DAY).stream().map(AggregationStore.StoredDay::figures).toList());
        assertEquals(figuresQuery(gao, DAY, DAY), TABLE.only(QueryRequest.class));

        // Seq 2: the admin1 lost its incidents, the country's day is usual again.
        TABLE.reset();
        AggregationStore.DayData before = store.day("MLI", DAY);
        AreaDay quiet = killed(mali, 1, ids(1, 10), new TreeSet<>());
        assertTrue(store.writeFigures("MLI", DAY, 2, List.of(quiet), before, AT));

        TransactWriteItemsRequest second = TABLE.requests(TransactWriteItemsRequest.class).get(0);
        assertEquals(List.of("put G#MLI 2024-11-27",
                        "delete G#MLI 2024-11-27#0000000001#000", "delete G#MLI 2024-11-27#0000000001#001",
                        "delete G#MLI/ML07 2024-11-27#0000000001#000", "delete G#MLI/ML07 2024-11-27#0000000001#001",
                        "delete G#MLI/ML07 2024-11-27", "update D#MLI#2024-11-27 #META"),
                second.transactItems().stream().map(AggregationStoreTest::describe).toList());
        assertEquals(Delete.builder().tableName(TABLE.name()).key(key("G#MLI/ML07", "2024-11-27"))
                        .conditionExpression(SEQ_GUARD).expressionAttributeValues(Map.of(":seq", n(2))).build(),
                second.transactItems().get(5).delete());
        assertEquals(Delete.builder().tableName(TABLE.name()).key(key("G#MLI", "2024-11-27#0000000001#000")).build(),
                second.transactItems().get(1).delete(), "a previous seq's part goes unconditionally");
        assertEquals(2, TABLE.requests().size());
        assertEquals(List.of(), store.figures(gao, DAY, DAY.plusDays(1)));
        assertEquals(List.of(quiet), store.figures(mali, DAY, DAY).stream().map(AggregationStore.StoredDay::figures).toList());
    }

    @Test
    void aDayThatLostAllItsIncidentsDeletesItsHeadsAndForgetsItsAreas() {
        Area benin = Area.country("BEN");
        TABLE.put(meta("BEN", 1, "w1", "r", false));
        assertTrue(store.writeFigures("BEN", DAY, 1, List.of(killed(benin, 2, ids(1, 10), new TreeSet<>())),
                nothingStored(1), AT));
        TABLE.reset();
        AggregationStore.DayData before = store.day("BEN", DAY);

        assertTrue(store.writeFigures("BEN", DAY, 2, List.of(), before, AT));

        assertEquals(TransactWriteItemsRequest.builder().transactItems(
                        TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE.name())
                                .key(key("G#BEN", "2024-11-27")).conditionExpression(SEQ_GUARD)
                                .expressionAttributeValues(Map.of(":seq", n(2))).build()).build(),
                        TransactWriteItem.builder().update(Update.builder().tableName(TABLE.name())
                                .key(key("D#BEN#2024-11-27", "#META"))
                                .conditionExpression("attribute_not_exists(figSeq) OR figSeq <= :seq")
                                .updateExpression("SET figSeq = :seq REMOVE units, parts")
                                .expressionAttributeValues(Map.of(":seq", n(2))).build()).build()).build(),
                TABLE.requests().get(1));
        assertEquals(2, TABLE.requests().size());
        assertEquals(Optional.empty(), TABLE.item("G#BEN", "2024-11-27"));
        assertEquals(new AggregationStore.DayData(1, Set.of(), 2, List.of(), "w1", true, Map.of()),
                store.day("BEN", DAY));
    }

    @Test
    void headsWhosePartsAreMissingAreBeingRewrittenAndReadAsUnavailable() {
        Map<String, AttributeValue> head = strings("pk", "G#SOM", "sk", "2024-11-27", "at", AT.toString(),
                "num", FigureItems.encode(killed(Area.country("SOM"), 1, ids(1, 10), new TreeSet<>()), List.of()).num());
        head.put("seq", n(4));
        head.put("parts", n(2));
        head.put("bparts", n(0));
        Map<String, AttributeValue> part0 = strings("pk", "G#SOM", "sk", "2024-11-27#0000000004#000",
                "ids", "{\"r\":[[\"1\",\"r1\"]],\"s\":[]}");
        part0.put("seq", n(4));
        TABLE.put(head, part0);

        assertThrows(StorageUnavailableException.class, () -> store.figures(Area.country("SOM"), DAY, DAY));
    }

    @Test
    void aHeadOfTheFormerOneItemLayoutIsReadAsItIs() {
        AreaDay old = killed(Area.country("GIN"), 3, ids(2, 10), new TreeSet<>(List.of("media|x")));
        TABLE.put(strings("pk", "G#GIN", "sk", "2024-11-27", "at", AT.toString(),
                "fig", AggregationStore.encode(old.figures())));

        List<AggregationStore.StoredDay> read = store.figures(Area.country("GIN"), DAY, DAY);

        assertEquals(List.of(new AggregationStore.StoredDay(old, AT)), read);
        assertEquals(figuresQuery(Area.country("GIN"), DAY, DAY), TABLE.only(QueryRequest.class));
    }

    @Test
    void aDayTooLargeForOneTransactionGoesInSeveralWithTheSequenceItemInTheLast() {
        List<AreaDay> areas = new ArrayList<>();
        areas.add(killed(Area.country("COD"), 99, ids(1, 10), new TreeSet<>()));
        areas.add(killed(new Area("COD", "CD01", null), 99, ids(1, 10), new TreeSet<>()));
        for (int i = 0; i < 99; i++) {
            areas.add(killed(new Area("COD", "CD01", String.format("CD01%02d", i)), 1, ids(1, 10), new TreeSet<>()));
        }

        assertTrue(store.writeFigures("COD", DAY, 3, areas, nothingStored(3), AT));

        List<TransactWriteItemsRequest> sent = TABLE.requests(TransactWriteItemsRequest.class);
        assertEquals(List.of(100, 2), sent.stream().map(r -> r.transactItems().size()).toList());
        assertEquals(TABLE.requests().size(), sent.size());
        assertEquals("update D#COD#2024-11-27 #META", describe(sent.get(1).transactItems().get(1)));
        assertEquals(n(3), TABLE.item("D#COD#2024-11-27", "#META").orElseThrow().get("figSeq"));
    }

    /** "put|delete|update pk sk" of a transaction element. */
    static String describe(TransactWriteItem i) {
        Map<String, AttributeValue> k = i.put() != null ? i.put().item() : i.delete() != null ? i.delete().key()
                : i.update().key();
        String kind = i.put() != null ? "put" : i.delete() != null ? "delete" : "update";
        return kind + " " + k.get("pk").s() + " " + k.get("sk").s();
    }
}
