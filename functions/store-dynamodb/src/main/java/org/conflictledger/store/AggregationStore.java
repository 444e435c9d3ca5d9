package org.conflictledger.store;

import static org.conflictledger.store.Items.key;
import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Group;
import org.conflictledger.domain.Metric;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.figures.AreaDay;
import org.conflictledger.domain.figures.FigureKey;
import org.conflictledger.domain.figures.Tally;
import org.conflictledger.domain.json.Json;
import org.conflictledger.domain.json.ReportJson;
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
                          String lastWrite, boolean complete, Map<String, Parts> parts) {

        public DayData(long seq, Set<String> units, long storedSeq, List<StoredReport> reports,
                       String lastWrite, boolean complete) {
            this(seq, units, storedSeq, reports, lastWrite, complete, Map.of());
        }
    }

    /** How many id parts and finer-area parts an area's stored figures of a day have. */
    public record Parts(int ids, int breakdown) {
        static Parts parse(String s) {
            int slash = s.indexOf('/');
            return new Parts(Integer.parseInt(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
        }

        @Override
        public String toString() {
            return ids + "/" + breakdown;
        }
    }

    /**
     * A stored daily figure row with when it was computed; {@code seq} and {@code breakdown} (its
     * finer-area parts) let a reader find the parts written with it.
     */
    public record StoredDay(AreaDay figures, Instant computedAt, long seq, int breakdown, String inlineBreakdown) {
        public StoredDay(AreaDay figures, Instant computedAt) {
            this(figures, computedAt, 0, 0, null);
        }
    }

    /** Bounds of one TransactWriteItems (DynamoDB: 100 items, 4 MB), with room for keys and names. */
    private static final int MAX_TRANSACTION_BYTES = 3_000_000;

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
        Map<String, Parts> parts = new HashMap<>();
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
                if (i.containsKey("parts")) {
                    i.get("parts").m().forEach((u, v) -> parts.put(u, Parts.parse(v.s())));
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
        return new DayData(seq, units, storedSeq, reports, lastWrite, complete, parts);
    }

    /**
     * Stores a country-day's figures computed from {@code seq}; areas that had figures before and
     * have none now are deleted. Guarded by seq, so a slower run holding older data never
     * overwrites a newer result. False when a newer result was already stored.
     *
     * <p>Each area-day is a head item (numbers) plus parts keyed by seq (report ids, sources, the
     * finer areas' numbers), so no item outgrows DynamoDB's 400 KB (docs/data-model.md). Parts are
     * written before their head and the previous seq's parts deleted after it: a reader always
     * finds the parts of the head it read.
     */
    public boolean writeFigures(String country, LocalDate day, long seq, List<AreaDay> areaDays,
                                DayData before, Instant computedAt) {
        List<TransactWriteItem> items = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Set<String> units = new LinkedHashSet<>();
        Map<String, AttributeValue> parts = new HashMap<>();
        for (AreaDay a : areaDays) {
            String unit = a.area().key();
            units.add(unit);
            List<AreaDay> finer = areaDays.stream().filter(f -> f.area().key().startsWith(unit + "/")).toList();
            FigureItems.Encoded e = FigureItems.encode(a, finer);
            String pk = Keys.figures(a.area());
            // One part of a kind (the usual day) lives in the head itself: no extra items to write.
            List<String> idParts = e.parts().size() == 1 ? List.of() : e.parts();
            List<String> unitParts = e.breakdown().size() == 1 ? List.of() : e.breakdown();
            for (int i = 0; i < idParts.size(); i++) {
                put(items, sizes, pk, Keys.figureChunk(day, seq, i), seq, "ids", idParts.get(i));
            }
            for (int i = 0; i < unitParts.size(); i++) {
                put(items, sizes, pk, Keys.breakdownChunk(day, seq, i), seq, "units", unitParts.get(i));
            }
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(LedgerTable.PK, s(pk));
            item.put(LedgerTable.SK, s(day.toString()));
            item.put("seq", n(seq));
            item.put("at", s(computedAt.toString()));
            item.put("num", s(e.num()));
            item.put("parts", n(idParts.size()));
            item.put("bparts", n(unitParts.size()));
            int size = e.num().length() + 200;
            if (e.parts().size() == 1) {
                item.put("ids", s(e.parts().get(0)));
                size += e.parts().get(0).getBytes(StandardCharsets.UTF_8).length;
            }
            if (e.breakdown().size() == 1) {
                item.put("units", s(e.breakdown().get(0)));
                size += e.breakdown().get(0).getBytes(StandardCharsets.UTF_8).length;
            }
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                    .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
            sizes.add(size);
            parts.put(unit, s(new Parts(idParts.size(), unitParts.size()).toString()));
        }
        for (String old : before.units()) {
            Area area = Area.fromKey(old);
            if (before.storedSeq() != seq) {
                // the previous result's parts; a result of the same seq has the same parts, just rewritten
                Parts p = before.parts().getOrDefault(old, new Parts(0, 0));
                for (int i = 0; i < p.ids(); i++) {
                    delete(items, sizes, Keys.figures(area), Keys.figureChunk(day, before.storedSeq(), i));
                }
                for (int i = 0; i < p.breakdown(); i++) {
                    delete(items, sizes, Keys.figures(area), Keys.breakdownChunk(day, before.storedSeq(), i));
                }
            }
            if (!units.contains(old)) {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(key(Keys.figures(area), day.toString()))
                        .conditionExpression("attribute_not_exists(seq) OR seq <= :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq))).build()).build());
                sizes.add(200);
            }
        }
        Update.Builder meta = Update.builder().tableName(table).key(key(Keys.day(country, day), Keys.META))
                .conditionExpression("attribute_not_exists(figSeq) OR figSeq <= :seq");
        if (units.isEmpty()) {
            meta.updateExpression("SET figSeq = :seq REMOVE units, parts").expressionAttributeValues(Map.of(":seq", n(seq)));
        } else {
            meta.updateExpression("SET figSeq = :seq, units = :u, parts = :p")
                    .expressionAttributeValues(Map.of(":seq", n(seq), ":u", AttributeValue.builder().ss(units).build(),
                            ":p", AttributeValue.builder().m(parts).build()));
        }
        items.add(TransactWriteItem.builder().update(meta.build()).build());
        sizes.add(200 + 40 * units.size());
        // Transactions are each guarded by seq; the day's sequence item goes last, with the final one.
        int from = 0;
        while (from < items.size()) {
            int to = from;
            long bytes = 0;
            while (to < items.size() && to - from < MAX_TRANSACTION
                    && (to == from || bytes + sizes.get(to) <= MAX_TRANSACTION_BYTES)) {
                bytes += sizes.get(to);
                to++;
            }
            if (!transact(items.subList(from, to))) {
                return false;
            }
            from = to;
        }
        return true;
    }

    private void put(List<TransactWriteItem> items, List<Integer> sizes, String pk, String sk, long seq,
                     String name, String value) {
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                LedgerTable.PK, s(pk), LedgerTable.SK, s(sk), "seq", n(seq), name, s(value))).build()).build());
        sizes.add(value.getBytes(StandardCharsets.UTF_8).length + 200);
    }

    private void delete(List<TransactWriteItem> items, List<Integer> sizes, String pk, String sk) {
        items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(pk, sk)).build()).build());
        sizes.add(200);
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
                    // Only a failed seq guard means "a newer result is stored"; anything else
                    // (a validation error, an item too large) must not pass for success.
                    boolean guard = e.cancellationReasons().stream().allMatch(r -> r.code() == null
                            || "None".equals(r.code()) || "ConditionalCheckFailed".equals(r.code()));
                    if (guard) {
                        return false;
                    }
                    throw new FiguresWriteException("figures write refused: " + e.cancellationReasons(), e);
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
    public Optional<String> lastWrite(String country, LocalDate day) {
        var r = Dynamo.call("get day", () -> db.getItem(b -> b.tableName(table)
                .key(key(Keys.day(country, day), Keys.META)).consistentRead(true)));
        return r.hasItem() && r.item().containsKey("w") ? Optional.of(r.item().get("w").s())
                : Optional.empty();
    }

    /**
     * The stored daily incident figures of an area over [from, to]: one Query (paged past 1 MB)
     * that returns each day's head and its id parts. Heads of the former one-item layout
     * ({@code fig}) are read as they are until a rebuild rewrites them.
     */
    public List<StoredDay> figures(Area area, LocalDate from, LocalDate to) {
        Map<String, Map<String, AttributeValue>> heads = new TreeMap<>();
        Map<String, List<Map<String, AttributeValue>>> parts = new HashMap<>();
        for (Map<String, AttributeValue> i : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.figures(area)),
                        ":a", s(from.toString()), ":b", s(to + "~"))))) {
            String sk = i.get(LedgerTable.SK).s();
            if (sk.length() == 10) {
                heads.put(sk, i);
            } else {
                parts.computeIfAbsent(sk.substring(0, 10) + "#" + Long.parseLong(i.get("seq").n()), k -> new ArrayList<>()).add(i);
            }
        }
        List<StoredDay> out = new ArrayList<>();
        heads.forEach((day, i) -> {
            Instant at = Instant.parse(i.get("at").s());
            if (i.containsKey("fig")) {
                out.add(new StoredDay(new AreaDay(area, LocalDate.parse(day), decode(i.get("fig").s())), at));
                return;
            }
            long seq = Long.parseLong(i.get("seq").n());
            int count = Integer.parseInt(i.get("parts").n());
            List<String> mine = i.containsKey("ids") ? List.of(i.get("ids").s())
                    : matching(parts.getOrDefault(day + "#" + seq, List.of()), count, "ids", area, day);
            out.add(new StoredDay(new AreaDay(area, LocalDate.parse(day), FigureItems.decode(i.get("num").s(), mine)), at,
                    seq, i.containsKey("bparts") ? Integer.parseInt(i.get("bparts").n()) : 0,
                    i.containsKey("units") ? i.get("units").s() : null));
        });
        return out;
    }

    /**
     * The stored daily numbers of the finer areas {@code wanted} inside {@code area}, for the days
     * of {@code own} (that area's stored days): read from the heads already read, plus one Query
     * (paged past 1 MB) for days too busy to keep them in the head, whatever the number of areas;
     * an area with no stored figures costs nothing. Numbers only: coverage needs the sums.
     */
    public Map<Area, List<AreaDay>> finerFigures(Area area, LocalDate from, LocalDate to, List<StoredDay> own,
                                                 Set<Area> wanted) {
        Map<Area, List<AreaDay>> out = new HashMap<>();
        Set<String> keys = new HashSet<>();
        wanted.forEach(a -> keys.add(a.key()));
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, List<Map<String, AttributeValue>>> parts = new HashMap<>();
        for (Map<String, AttributeValue> i : own.stream().noneMatch(d -> d.breakdown() > 0) ? List.<Map<String, AttributeValue>>of() : queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.figures(area)),
                        ":a", s(Keys.BREAKDOWN + from), ":b", s(Keys.BREAKDOWN + to + "~"))))) {
            String sk = i.get(LedgerTable.SK).s().substring(Keys.BREAKDOWN.length());
            parts.computeIfAbsent(sk.substring(0, 10) + "#" + Long.parseLong(i.get("seq").n()), k -> new ArrayList<>()).add(i);
        }
        for (StoredDay d : own) {
            String day = d.figures().day().toString();
            List<String> mine = d.inlineBreakdown() != null ? List.of(d.inlineBreakdown())
                    : matching(parts.getOrDefault(day + "#" + d.seq(), List.of()), d.breakdown(), "units", area, day);
            for (AreaDay a : FigureItems.decodeBreakdown(d.figures().day(), mine, keys::contains)) {
                out.computeIfAbsent(a.area(), k -> new ArrayList<>()).add(a);
            }
        }
        return out;
    }

    /** The parts 0..count-1 of one head; fewer means a write of that day is landing right now. */
    private static List<String> matching(List<Map<String, AttributeValue>> items, int count, String attribute,
                                         Area area, String day) {
        String[] out = new String[count];
        for (Map<String, AttributeValue> i : items) {
            String sk = i.get(LedgerTable.SK).s();
            int n = Integer.parseInt(sk.substring(sk.lastIndexOf('#') + 1));
            if (n < count) {
                out[n] = i.get(attribute).s();
            }
        }
        for (String p : out) {
            if (p == null) {
                throw new StorageUnavailableException("figures of " + area.key() + " on " + day
                        + " are being rewritten", null);
            }
        }
        return List.of(out);
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
