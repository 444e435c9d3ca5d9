package org.conflictledger.core.storage;

import static org.conflictledger.core.storage.ReportStore.key;
import static org.conflictledger.core.storage.ReportStore.n;
import static org.conflictledger.core.storage.ReportStore.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.conflictledger.core.domain.Area;
import org.conflictledger.core.domain.Group;
import org.conflictledger.core.domain.Metric;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.json.Json;
import org.conflictledger.core.json.ReportJson;
import org.conflictledger.core.reconcile.AreaDay;
import org.conflictledger.core.reconcile.FigureKey;
import org.conflictledger.core.reconcile.Tally;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What the aggregation reads and writes: the markers the submit side leaves, the incidents of a
 * country-day, and the stored daily figures per area. Every access is a keyed Query, GetItem or
 * conditional write; correctness never rests on a GSI.
 */
public final class AggregationStore {

    public static final String COUNTRIES = "COUNTRIES";
    private static final int MAX_TRANSACTION = 100;

    /** A country-day with changes not yet aggregated; {@code token} is the last writer's id. */
    public record Marker(String country, LocalDate day, String token, long pending, Instant since) {
    }

    public record MarkerPage(List<Marker> markers, Map<String, AttributeValue> next) {
    }

    /**
     * A country-day's incidents as of {@code seq}, and the areas its figures were last stored for.
     * {@code lastWrite} is the id of the last transaction that changed the day; {@code complete}
     * is false when that transaction was only partly visible to this read (a Query is not
     * isolated from a concurrent transaction): its member is not yet in the state it leaves.
     */
    public record DayData(long seq, Set<String> units, long storedSeq, List<StoredReport> reports,
                          String lastWrite, boolean complete) {
    }

    /** A stored daily figure row with when it was computed. */
    public record StoredDay(AreaDay figures, Instant computedAt) {
    }

    record Row(Metric metric, Group group, Tally tally) {
    }

    private final DynamoDbClient db;
    private final String table;

    public AggregationStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public MarkerPage markers(Map<String, AttributeValue> start, int limit) {
        QueryRequest.Builder q = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.MARKERS)))
                .consistentRead(true)
                .limit(limit);
        if (start != null) {
            q.exclusiveStartKey(start);
        }
        QueryResponse r = Dynamo.call("query markers", () -> db.query(q.build()));
        List<Marker> out = r.items().stream().map(AggregationStore::marker).toList();
        return new MarkerPage(out, r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
    }

    /** Pending report changes of a country between two days (inclusive), for the figures route. */
    public long pending(String country, LocalDate from, LocalDate to) {
        long total = 0;
        for (Map<String, AttributeValue> i : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.MARKERS),
                        ":a", s(Keys.marker(country, from)), ":b", s(Keys.marker(country, to))))
                .consistentRead(true))) {
            total += Long.parseLong(i.get("pending").n());
        }
        return total;
    }

    public DayData day(String country, LocalDate day) {
        long seq = 0;
        long storedSeq = 0;
        String lastWrite = null;
        String lastMember = null;
        boolean lastPresent = false;
        Map<String, String> memberWrites = new HashMap<>();
        Set<String> units = new LinkedHashSet<>();
        List<StoredReport> reports = new ArrayList<>();
        for (Map<String, AttributeValue> i : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.day(country, day))))
                .consistentRead(true))) {
            if (Keys.META.equals(i.get("sk").s())) {
                seq = Long.parseLong(i.get("seq").n());
                if (i.containsKey("figSeq")) {
                    storedSeq = Long.parseLong(i.get("figSeq").n());
                }
                if (i.containsKey("units")) {
                    units.addAll(i.get("units").ss());
                }
                if (i.containsKey("w")) {
                    lastWrite = i.get("w").s();
                    lastMember = i.containsKey("wr") ? i.get("wr").s() : null;
                    lastPresent = i.containsKey("wp") && Boolean.TRUE.equals(i.get("wp").bool());
                }
            } else {
                StoredReport r = ReportJson.read(i.get("doc").s());
                reports.add(r);
                memberWrites.put(r.id(), i.containsKey("w") ? i.get("w").s() : "");
            }
        }
        boolean complete = lastMember == null
                || (lastPresent ? lastWrite.equals(memberWrites.get(lastMember)) : !memberWrites.containsKey(lastMember));
        return new DayData(seq, units, storedSeq, reports, lastWrite, complete);
    }

    /**
     * Stores a country-day's figures computed from {@code seq}; areas that had figures before and
     * have none now are deleted. Guarded by seq, so a slower run holding older data never
     * overwrites a newer result. False when a newer result was already stored.
     */
    public boolean writeFigures(String country, LocalDate day, long seq, List<AreaDay> areaDays,
                                Set<String> previousUnits, Instant computedAt) {
        List<TransactWriteItem> items = new ArrayList<>();
        Set<String> units = new LinkedHashSet<>();
        for (AreaDay a : areaDays) {
            units.add(a.area().key());
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LedgerTable.PK, s(Keys.figures(a.area())));
            item.put(LedgerTable.SK, s(day.toString()));
            item.put("seq", n(seq));
            item.put("at", s(computedAt.toString()));
            item.put("fig", s(encode(a.figures())));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                    .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
        }
        for (String gone : previousUnits) {
            if (!units.contains(gone)) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(Keys.figures(Area.fromKey(gone)), day.toString()))
                        .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
            }
        }
        Update.Builder meta = Update.builder().tableName(table).key(key(Keys.day(country, day), Keys.META))
                .conditionExpression("attribute_not_exists(figSeq) OR figSeq <= :seq");
        if (units.isEmpty()) {
            meta.updateExpression("SET figSeq = :seq REMOVE units").expressionAttributeValues(Map.of(":seq", n(seq)));
        } else {
            meta.updateExpression("SET figSeq = :seq, units = :u")
                    .expressionAttributeValues(Map.of(":seq", n(seq), ":u", AttributeValue.builder().ss(units).build()));
        }
        items.add(TransactWriteItem.builder().update(meta.build()).build());
        // Chunks are each guarded by seq; the day's sequence item goes last, with the final chunk.
        for (int from = 0; from < items.size(); from += MAX_TRANSACTION) {
            List<TransactWriteItem> chunk = items.subList(from, Math.min(items.size(), from + MAX_TRANSACTION));
            if (!transact(chunk)) {
                return false;
            }
        }
        return true;
    }

    private boolean transact(List<TransactWriteItem> chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                Dynamo.call("write figures", () -> db.transactWriteItems(
                        TransactWriteItemsRequest.builder().transactItems(chunk).build()));
                return true;
            } catch (TransactionCanceledException e) {
                boolean conflict = e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict) {
                    return false;
                }
                if (attempt >= 4) {
                    throw new StorageUnavailableException("figures write kept conflicting", e);
                }
                try {
                    Thread.sleep(20L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageUnavailableException("interrupted", e);
                }
            }
        }
    }

    /** Removes a marker only if no report changed its day since the run read it. */
    public boolean clearMarker(Marker m) {
        try {
            Dynamo.call("delete marker", () -> db.deleteItem(b -> b.tableName(table)
                    .key(key(Keys.MARKERS, Keys.marker(m.country(), m.day())))
                    .conditionExpression("tok = :t")
                    .expressionAttributeValues(Map.of(":t", s(m.token())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Marks a country-day for recomputation (a rebuild), keeping any pending count. */
    public void mark(String country, LocalDate day, String token, Instant now) {
        Dynamo.call("mark day", () -> db.updateItem(b -> b.tableName(table)
                .key(key(Keys.MARKERS, Keys.marker(country, day)))
                .updateExpression("SET tok = :w, country = :c, d = :d, since = if_not_exists(since, :now)"
                        + " ADD pending :zero")
                .expressionAttributeValues(Map.of(":w", s(token), ":c", s(country), ":d", s(day.toString()),
                        ":now", s(now.toString()), ":zero", n(0)))));
    }

    /** Countries that ever had incidents, so that a rebuild knows where to look without a Scan. */
    public void registerCountry(String country) {
        Dynamo.call("register country", () -> db.putItem(b -> b.tableName(table)
                .item(Map.of(LedgerTable.PK, s(COUNTRIES), LedgerTable.SK, s(country)))));
    }

    public List<String> countries() {
        return queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(COUNTRIES)))
                .consistentRead(true)).stream().map(i -> i.get(LedgerTable.SK).s()).toList();
    }

    /** The id of the last write of a country-day, if it ever had an incident (its sequence item exists). */
    public java.util.Optional<String> lastWrite(String country, LocalDate day) {
        var r = Dynamo.call("get day", () -> db.getItem(b -> b.tableName(table)
                .key(key(Keys.day(country, day), Keys.META)).consistentRead(true)));
        return r.hasItem() && r.item().containsKey("w") ? java.util.Optional.of(r.item().get("w").s())
                : java.util.Optional.empty();
    }

    /** The stored daily incident figures of an area over [from, to]: one Query (paged past 1 MB). */
    public List<StoredDay> figures(Area area, LocalDate from, LocalDate to) {
        List<StoredDay> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.figures(area)),
                        ":a", s(from.toString()), ":b", s(to.toString()))))) {
            out.add(new StoredDay(new AreaDay(area, LocalDate.parse(i.get(LedgerTable.SK).s()), decode(i.get("fig").s())),
                    Instant.parse(i.get("at").s())));
        }
        return out;
    }

    /** Period totals, stocks and territory changes of a country whose period starts in [from, to]. */
    public List<StoredReport> nonIncidents(String country, LocalDate from, LocalDate to) {
        return queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.nonIncidents(country)),
                        ":a", s(from.toString()), ":b", s(to + "~")))).stream()
                .map(i -> ReportJson.read(i.get("doc").s())).toList();
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder q) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryRequest request = q.build();
            QueryResponse r = Dynamo.call("query", () -> db.query(request));
            out.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Marker marker(Map<String, AttributeValue> i) {
        return new Marker(i.get("country").s(), LocalDate.parse(i.get("d").s()), i.get("tok").s(),
                i.containsKey("pending") ? Long.parseLong(i.get("pending").n()) : 0,
                i.containsKey("since") ? Instant.parse(i.get("since").s()) : null);
    }

    static String encode(SortedMap<FigureKey, Tally> figures) {
        List<Row> rows = new ArrayList<>();
        figures.forEach((k, t) -> rows.add(new Row(k.metric(), k.group(), t)));
        try {
            return Json.mapper().writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SortedMap<FigureKey, Tally> decode(String json) {
        try {
            List<Row> rows = Json.mapper().readValue(json, new TypeReference<List<Row>>() { });
            SortedMap<FigureKey, Tally> out = new TreeMap<>();
            rows.forEach(r -> out.put(new FigureKey(r.metric(), r.group()), r.tally()));
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
