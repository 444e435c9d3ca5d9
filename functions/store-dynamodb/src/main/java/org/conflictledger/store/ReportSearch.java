package org.conflictledger.store;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.conflictledger.domain.EventType;
import org.conflictledger.domain.Scope;
import org.conflictledger.domain.SourceKind;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.domain.json.ReportJson;
import org.conflictledger.domain.json.ResponseBudget;
import org.conflictledger.domain.text.Normalize;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Search over the area indexes (byCountry, byAdmin1, byAdmin2), one page per call, never a Scan.
 *
 * <p>Each index partition is an area plus a span class: {@code D} holds one-day reports, {@code S}
 * longer ones (at most 366 days). A report overlaps [from, to] when start &lt;= to and end &gt;= from:
 * <ul>
 *   <li>D: start BETWEEN from AND to, in the key condition, exact;</li>
 *   <li>S: start BETWEEN from - 366 days AND to in the key condition, plus {@code pend >= from}
 *       as a filter (long reports are rare, so little is read and dropped).</li>
 * </ul>
 * Both partitions are read in index order ({@code gsk = <start>#<id>}) and merged, so a page is in
 * period-start-then-id order. The position after a page is a {@code gsk}: every report with a
 * smaller or equal {@code gsk} in either partition was considered; the next page reads strictly
 * after it (keyset paging: no report twice, none skipped, even while reports are added).
 * The other filters are FilterExpressions; a page stops after {@link #MAX_QUERIES} Query calls
 * even when it is not full, and then its position lets the next call continue.
 */
public final class ReportSearch {

    /** Query calls one page may make; a page with selective filters may come back short. */
    public static final int MAX_QUERIES = 12;
    /** Items one Query evaluates at most when filters may drop many of them. */
    static final int FILTERED_READ = 1000;
    /** Longest period (validated on write) plus one day of margin. */
    static final int MAX_SPAN_DAYS = 366;

    /** Below every index sort key ({@code <yyyy-MM-dd>#<id>}); DynamoDB takes no empty key value. */
    static final String LOWEST = "0";
    /** Above every index sort key. */
    static final String HIGHEST = "~";

    /** What to search for; null or empty means no such filter; a null {@code from} or {@code to} is an open end. */
    public record Query(String country, String admin1, String admin2, LocalDate from, LocalDate to,
                        Set<EventType> eventTypes, Set<Scope> scopes, Set<SourceKind> sourceKinds,
                        Set<Status> statuses, String actor) {

        /** The filters beyond area and window: they make DynamoDB read items it does not return. */
        boolean filtered() {
            return notEmpty(eventTypes) || notEmpty(scopes) || notEmpty(sourceKinds) || notEmpty(statuses)
                    || (actor != null && !actor.isBlank())
                    || (admin2 != null && (admin1 != null || country != null))
                    || (admin1 != null && country != null);
        }
    }

    /** One page: the reports in order, and where the next page starts (null: nothing follows). */
    public record Page(List<StoredReport> items, String after, int queries) {
    }

    private final DynamoDbClient db;
    private final String table;

    public ReportSearch(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /**
     * @param after the position a previous page returned, or null for the first page
     */
    public Page page(Query q, int limit, String after) {
        return page(q, limit, after, Long.MAX_VALUE);
    }

    /**
     * @param maxBytes a page also ends once its reports' stored documents, JSON-escaped, reach this
     *                 many bytes: the caller bounds the response it renders from them
     *                 (domain/json/ResponseBudget), and reading far beyond it would be wasted
     */
    public Page page(Query q, int limit, String after, long maxBytes) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // An open start (from == null) reads each partition from its first key: still a key range.
        IndexReader d = new IndexReader(q, "D", q.from() == null ? LOWEST : q.from().toString(), after);
        IndexReader s = new IndexReader(q, "S", q.from() == null ? LOWEST : q.from().minusDays(MAX_SPAN_DAYS).toString(), after);
        List<StoredReport> out = new ArrayList<>(Math.min(limit, 512));
        int[] queries = {0};
        String position = after;
        long bytes = 0;
        boolean budget = true;
        while (out.size() < limit) {
            // Both heads must be known (or the stream exhausted) before the smaller one can go out.
            for (IndexReader st : List.of(d, s)) {
                if (st.buffer.isEmpty() && !st.exhausted && budget) {
                    if (queries[0] >= MAX_QUERIES) {
                        budget = false;
                    } else {
                        st.fetch(limit - out.size(), queries);
                    }
                }
            }
            if (d.buffer.isEmpty() && d.exhausted && s.buffer.isEmpty() && s.exhausted) {
                return new Page(out, null, queries[0]);
            }
            IndexReader next = smaller(d, s);
            if (next == null) {
                if (!budget) {
                    break;
                }
                continue; // a stream came back empty (all filtered) but is not exhausted: read on
            }
            Item i = next.buffer.poll();
            out.add(i.report);
            position = i.gsk;
            bytes += i.size;
            if (bytes >= maxBytes) {
                return new Page(out, position, queries[0]);
            }
        }
        if (out.size() >= limit) {
            return new Page(out, position, queries[0]);
        }
        // Out of budget. Each index reader not read to its end has been read through some key, buffered or
        // not (a reader with reports buffered is not read on, however far the other one reads);
        // below the lowest such key every report was seen, so the buffered ones below it go out, in order.
        String through = null;
        for (IndexReader st : List.of(d, s)) {
            if (!st.exhausted) {
                through = through == null || st.readThrough.compareTo(through) < 0 ? st.readThrough : through;
            }
        }
        if (through == null) {
            return new Page(out, position, queries[0]);
        }
        while (out.size() < limit) {
            IndexReader next = null;
            for (IndexReader st : List.of(d, s)) {
                Item head = st.buffer.peek();
                if (head != null && head.gsk.compareTo(through) <= 0
                        && (next == null || head.gsk.compareTo(next.buffer.peek().gsk) < 0)) {
                    next = st;
                }
            }
            if (next == null) {
                break;
            }
            Item i = next.buffer.poll();
            out.add(i.report);
            position = i.gsk;
        }
        if (out.size() < limit && (position == null || through.compareTo(position) > 0)) {
            position = through;
        }
        return new Page(out, position, queries[0]);
    }

    /** The stream whose head goes out next, or null if a non-exhausted stream has nothing buffered. */
    private static IndexReader smaller(IndexReader a, IndexReader b) {
        if ((a.buffer.isEmpty() && !a.exhausted) || (b.buffer.isEmpty() && !b.exhausted)) {
            return null;
        }
        if (a.buffer.isEmpty()) {
            return b;
        }
        if (b.buffer.isEmpty()) {
            return a;
        }
        return a.buffer.peek().gsk.compareTo(b.buffer.peek().gsk) <= 0 ? a : b;
    }

    /** {@code size}: the stored document's JSON-escaped size, what rendering it costs roughly. */
    private record Item(String gsk, StoredReport report, long size) {
    }

    /** One index partition read in order, from a lower key bound up to {@code to}. */
    private final class IndexReader {
        final Query q;
        final String span;
        final Deque<Item> buffer = new ArrayDeque<>();
        final String hi;
        String lo;
        String readThrough;
        boolean exhausted;

        IndexReader(Query q, String span, String lowest, String after) {
            this.q = q;
            this.span = span;
            // '~' sorts after "#<id>": every report starting on `to`; an open end: after every key.
            this.hi = q.to() == null ? HIGHEST : q.to() + "~";
            // Keys are <yyyy-MM-dd>#<26-char id>: after + " " sorts after `after` and before any later key.
            String resume = after == null ? null : after + " ";
            this.lo = resume != null && resume.compareTo(lowest) > 0 ? resume : lowest;
            this.readThrough = after == null ? "" : after;
        }

        void fetch(int wanted, int[] queries) {
            String index;
            String pkName;
            String pk;
            if (q.admin2() != null) {
                index = LedgerTable.BY_ADMIN2;
                pkName = "g2pk";
                pk = Keys.admin2Index(q.admin2(), span);
            } else if (q.admin1() != null) {
                index = LedgerTable.BY_ADMIN1;
                pkName = "g1pk";
                pk = Keys.admin1Index(q.admin1(), span);
            } else {
                index = LedgerTable.BY_COUNTRY;
                pkName = "g0pk";
                pk = Keys.countryIndex(q.country(), span);
            }
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put("#pk", pkName);
            names.put("#sk", "gsk");
            values.put(":pk", Items.s(pk));
            values.put(":lo", Items.s(lo));
            values.put(":hi", Items.s(hi));
            List<String> filters = new ArrayList<>();
            if ("S".equals(span) && q.from() != null) {
                names.put("#pend", "pend");
                values.put(":from", Items.s(q.from().toString()));
                filters.add("#pend >= :from");
            }
            if (q.admin2() != null && q.admin1() != null) {
                names.put("#g1", "g1pk");
                values.put(":g1", Items.s(Keys.admin1Index(q.admin1(), span)));
                filters.add("#g1 = :g1");
            }
            if ((q.admin2() != null || q.admin1() != null) && q.country() != null) {
                names.put("#g0", "g0pk");
                values.put(":g0", Items.s(Keys.countryIndex(q.country(), span)));
                filters.add("#g0 = :g0");
            }
            in(filters, names, values, "eventType", q.eventTypes());
            in(filters, names, values, "scope", q.scopes());
            in(filters, names, values, "sourceKind", q.sourceKinds());
            in(filters, names, values, "status", q.statuses());
            if (q.actor() != null && !q.actor().isBlank()) {
                names.put("#actors", "actors");
                values.put(":actor", Items.s(Normalize.name(q.actor())));
                filters.add("contains(#actors, :actor)");
            }
            boolean dropsItems = !filters.isEmpty();
            // Without filters exactly what the page still needs; with them, read ahead a bounded amount.
            int readLimit = dropsItems ? Math.max(wanted, Math.min(FILTERED_READ, Math.max(100, wanted * 4))) : wanted;
            QueryRequest.Builder req = QueryRequest.builder()
                    .tableName(table)
                    .indexName(index)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .limit(readLimit);
            if (dropsItems) {
                req.filterExpression(String.join(" AND ", filters));
            }
            QueryRequest request = req.build();
            queries[0]++;
            QueryResponse res = Dynamo.call("search reports", () -> db.query(request));
            for (Map<String, AttributeValue> i : res.items()) {
                String gsk = i.get("gsk").s();
                String doc = i.get("doc").s();
                buffer.add(new Item(gsk, ReportJson.read(doc), ResponseBudget.encodedSize(doc)));
                readThrough = gsk;
            }
            if (res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty()) {
                String last = res.lastEvaluatedKey().get("gsk").s();
                readThrough = last;
                lo = last + " ";
            } else {
                exhausted = true;
            }
        }
    }

    private static void in(List<String> filters, Map<String, String> names, Map<String, AttributeValue> values,
                           String attribute, Set<?> allowed) {
        if (!notEmpty(allowed)) {
            return;
        }
        names.put("#" + attribute, attribute);
        StringJoiner j = new StringJoiner(", ", "#" + attribute + " IN (", ")");
        int n = 0;
        for (Object v : allowed.stream().map(Object::toString).sorted().toList()) {
            String key = ":" + attribute + n++;
            values.put(key, Items.s(v.toString()));
            j.add(key);
        }
        filters.add(j.toString());
    }

    private static boolean notEmpty(Set<?> s) {
        return s != null && !s.isEmpty();
    }
}
