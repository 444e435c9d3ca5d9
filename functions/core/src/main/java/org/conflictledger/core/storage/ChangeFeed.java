package org.conflictledger.core.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.core.domain.Change;
import org.conflictledger.core.domain.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The change feed: partitions {@code F#yyyy-MM} (month of the change), sort keys
 * {@code <time>#<id>#<revision>}, read oldest first with strongly consistent Queries. The
 * submitter ({@code by}) is never read out: it is not projected.
 */
public final class ChangeFeed {

    /** Month partitions (Query calls, plus continuation pages) one call reads at most. */
    public static final int MAX_QUERIES = 13;

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
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        List<Change> out = new ArrayList<>();
        YearMonth month = from.month();
        String after = from.after();
        int queries = 0;
        while (!month.isAfter(current)) {
            if (queries >= MAX_QUERIES) {
                return new Page(out, new Position(month, after), queries);
            }
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            names.put("#pk", LedgerTable.PK);
            for (String a : List.of("sk", "id", "rev", "status", "change", "at")) {
                names.put("#" + a, a);
            }
            values.put(":pk", ReportStore.s(Keys.feedPartition(month)));
            String condition = "#pk = :pk";
            if (after != null) {
                values.put(":after", ReportStore.s(after));
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
            queries++;
            QueryResponse res = Dynamo.call("read change feed", () -> db.query(req));
            for (Map<String, AttributeValue> i : res.items()) {
                out.add(new Change(i.get("id").s(), Integer.parseInt(i.get("rev").n()),
                        status(i.get("status").s()), kind(i.get("change").s()), Instant.parse(i.get("at").s())));
                after = i.get(LedgerTable.SK).s();
            }
            boolean more = res.hasLastEvaluatedKey() && !res.lastEvaluatedKey().isEmpty();
            if (out.size() >= limit) {
                // Full: continue after the last entry, in this month (or the next one if it was the last).
                return new Page(out, new Position(month, after), queries);
            }
            if (!more) {
                month = month.plusMonths(1);
                after = null;
            }
        }
        return new Page(out, null, queries);
    }

    private static Status status(String s) {
        return Status.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    private static Change.Kind kind(String s) {
        return Change.Kind.valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
