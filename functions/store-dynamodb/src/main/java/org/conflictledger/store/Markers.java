package org.conflictledger.store;

import static org.conflictledger.store.Items.key;
import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import org.conflictledger.store.AggregationStore.Marker;
import org.conflictledger.store.AggregationStore.MarkerPage;

/** The aggregation markers and the country registry (docs/data-model.md, "Aggregation"). */
final class Markers {

    private final DynamoDbClient db;
    private final String table;

    Markers(DynamoDbClient db, String table) {
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
        List<Marker> out = r.items().stream().map(Markers::marker).toList();
        return new MarkerPage(out, r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null);
    }

    /** Pending report changes of a country between two days (inclusive), for the figures route. */
    public long pending(String country, LocalDate from, LocalDate to) {
        long total = 0;
        for (Map<String, AttributeValue> i : Queries.all(db, QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":pk", s(Keys.MARKERS),
                        ":a", s(Keys.marker(country, from)), ":b", s(Keys.marker(country, to))))
                .consistentRead(true))) {
            total += Long.parseLong(i.get("pending").n());
        }
        return total;
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
                .item(Map.of(LedgerTable.PK, s(AggregationStore.COUNTRIES), LedgerTable.SK, s(country)))));
    }

    public List<String> countries() {
        return Queries.all(db, QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(AggregationStore.COUNTRIES)))
                .consistentRead(true)).stream().map(i -> i.get(LedgerTable.SK).s()).toList();
    }

    private static Marker marker(Map<String, AttributeValue> i) {
        return new Marker(i.get("country").s(), LocalDate.parse(i.get("d").s()), i.get("tok").s(),
                i.containsKey("pending") ? Long.parseLong(i.get("pending").n()) : 0,
                i.containsKey("since") ? Instant.parse(i.get("since").s()) : null);
    }
}
