package org.conflictledger.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The change feed: partitions {@code F#yyyy-MM} (month of the change), sort keys
 * {@code <time>#<id>#<revision>}, read oldest first. Entries older than {@link #SETTLE} are read
 * through the byFeed index (all entries in one key range), so a page finds the next change
 * after any {@code since} in one Query however many months are empty; the last hour is read from
 * the month partitions with strongly consistent Queries (docs/data-model.md, "Change feed"). The
 * submitter ({@code by}) is never read out: it is not projected.
 */
public final class ChangeFeed {

    /** Query calls one page makes at most (in practice: one on the index, one or two month partitions). */
    public static final int MAX_QUERIES = 13;

    /**
     * Entries older than this are read from the byFeed index (eventually consistent, but settled
     * long before); newer ones from their month partitions with consistent reads.
     */
    public static final Duration SETTLE = Duration.ofHours(1);

    /**
     * Where a page ended: the last sort key returned ({@code after}) in month {@code month}, or
     * {@code after == null} for "from the start of {@code month}".
     */
    public record Position(YearMonth month, String after) {

        /** Strictly after an instant: every entry of that instant sorts below {@code <time>#~}. */
        public static Position after(Instant since) {
            return new Position(YearMonth.from(since.atOffset(ZoneOffset.UTC)), Keys.feedTime(since) + "#~");
        }
    }

    /** {@code next == null}: the feed is read up to now. */
    public record Page(List<Change> items, Position next, int queries) {
    }

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public ChangeFeed(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    public Page page(Position from, int limit) {
        Instant now = clock.instant();
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<Change> out = new ArrayList<>();
        int[] queries = {0};
        // Below the settle line the byFeed index is complete (an index lags its table by far less,
        // and no write commits that late): one Query reads across any number of empty months.
        String settled = Keys.feedTime(now.minus(SETTLE));
        String low = from.after() != null ? from.after() : from.month().toString();
        String after = from.after();
        YearMonth month = from.month();
        if (low.compareTo(settled) < 0) {
            String lastKey = index(low, settled, limit, out, queries);
            if (out.size() >= limit) {
                return new Page(out, position(lastKey), queries[0]);
            }
            if (queries[0] >= MAX_QUERIES) {
                return new Page(out, lastKey == null ? from : position(lastKey), queries[0]);
            }
            // Everything up to the settle line is read: the table's month partitions (consistent) do the rest.
            after = settled;
            month = YearMonth.from(now.minus(SETTLE).atOffset(ZoneOffset.UTC));
        }
        while (!month.isAfter(current)) {
            if (queries[0] >= MAX_QUERIES) {
                return new Page(out, new Position(month, after), queries[0]);
            }
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put("#pk", LedgerTable.PK);
            for (String a : List.of("sk", "id", "rev", "status", "change", "at")) {
                names.put("#" + a, a);
            }
            values.put(":pk", Items.s(Keys.feedPartition(month)));
            String condition = "#pk = :pk";
            if (after != null) {
                values.put(":after", Items.s(after));
                condition += " AND #sk > :after";
            }
            QueryRequest req = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .projectionExpression("#sk, #id, #rev, #status, #change, #at")
                    .consistentRead(true)
                    .limit(limit - out.size())
                    .build();
            queries[0]++;
            QueryResponse res = Dynamo.call("read change feed", () -> db.query(req));
            for (Map<String, AttributeValue> i : res.items()) {
                out.add(change(i));
                after = i.get(LedgerTable.SK).s();
            }
            boolean more = res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty();
            if (out.size() >= limit) {
                // Full: continue after the last entry, in this month (or the next one if it was the last).
                return new Page(out, new Position(month, after), queries[0]);
            }
            if (!more) {
                month = month.plusMonths(1);
                after = null;
            }
        }
        return new Page(out, null, queries[0]);
    }

    /**
     * Reads the byFeed index strictly after {@code low} and below {@code settled} into {@code out}, up to
     * {@code limit} entries; returns the last key read (null if none).
     */
    private String index(String low, String settled, int limit, List<Change> out, int[] queries) {
        // BETWEEN is inclusive: low + " " sorts after low and before every later key (keys are printable).
        Map<String, AttributeValue> start = null;
        String last = null;
        do {
            Map<String, String> names = new HashMap<>();
            for (String a : List.of("fpk", "fsk", "id", "rev", "status", "change", "at")) {
                names.put("#" + a, a);
            }
            QueryRequest.Builder req = QueryRequest.builder()
                    .tableName(table)
                    .indexName(LedgerTable.BY_FEED)
                    .keyConditionExpression("#fpk = :fpk AND #fsk BETWEEN :low AND :settled")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":fpk", Items.s(Keys.FEED_INDEX),
                            ":low", Items.s(low + " "), ":settled", Items.s(settled)))
                    .projectionExpression("#fsk, #id, #rev, #status, #change, #at")
                    .limit(limit - out.size());
            if (start != null) {
                req.exclusiveStartKey(start);
            }
            QueryRequest request = req.build();
            queries[0]++;
            QueryResponse res = Dynamo.call("read change feed", () -> db.query(request));
            for (Map<String, AttributeValue> i : res.items()) {
                out.add(change(i));
                last = i.get("fsk").s();
            }
            start = res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty() ? res.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit && queries[0] < MAX_QUERIES);
        return last;
    }

    /** After a feed sort key: its month is the key's own. */
    private static Position position(String key) {
        return new Position(YearMonth.parse(key.substring(0, 7)), key);
    }

    private static Change change(Map<String, AttributeValue> i) {
        return new Change(i.get("id").s(), Integer.parseInt(i.get("rev").n()), status(i.get("status").s()),
                kind(i.get("change").s()), Instant.parse(i.get("at").s()));
    }

    private static Status status(String s) {
        return Status.valueOf(s.toUpperCase(Locale.ROOT));
    }

    private static Change.Kind kind(String s) {
        return Change.Kind.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
