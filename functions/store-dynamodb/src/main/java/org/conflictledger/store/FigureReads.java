package org.conflictledger.store;

import static org.conflictledger.store.Items.key;
import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import org.conflictledger.store.AggregationStore.StoredDay;

/** Reads stored figures (heads, id parts, finer-area parts) and non-incident reports for the figures route. */
final class FigureReads {

    record Row(Metric metric, Group group, Tally tally) {
    }

    private final DynamoDbClient db;
    private final String table;

    FigureReads(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * The stored daily incident figures of an area over [from, to]: one Query (paged past 1 MB)
     * that returns each day's head and its id parts. Heads of the former one-item layout
     * ({@code fig}) are read as they are until a rebuild rewrites them.
     */
    public List<StoredDay> figures(Area area, LocalDate from, LocalDate to) {
        Map<String, Map<String, AttributeValue>> heads = new TreeMap<>();
        Map<String, List<Map<String, AttributeValue>>> parts = new HashMap<>();
        for (Map<String, AttributeValue> i : Queries.all(db, QueryRequest.builder().tableName(table)
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
        for (Map<String, AttributeValue> i : own.stream().noneMatch(d -> d.breakdown() > 0) ? List.<Map<String, AttributeValue>>of() : Queries.all(db, QueryRequest.builder().tableName(table)
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
        return Queries.all(db, QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.nonIncidents(country)),
                        ":a", s(from.toString()), ":b", s(to + "~")))).stream()
                .map(i -> ReportJson.read(i.get("doc").s())).toList();
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
