package org.conflictledger.store;

import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The gazetteer (docs/imports.md, docs/data-model.md): one item per country, partition
 * {@code PLACES}, sort key the ISO 3166-1 alpha-3 code, holding the country's admin-unit table as
 * gzip-compressed HXL CSV. A PUT replaces the whole table with one PutItem, so a reader (an
 * import, a GET) sees either the old table or the new one, never a mix; the compressed table must
 * fit in one item ({@link #MAX_COMPRESSED_BYTES}: tens of thousands of units). An import reads
 * every country's table with one Query (a page holds 1 MB; the paginator follows).
 */
public final class GazetteerStore {

    public static final String PARTITION = "PLACES";
    /** Below DynamoDB's 400 KB item limit with room for the other attributes. */
    public static final int MAX_COMPRESSED_BYTES = 350_000;

    public record Table(String country, String csv, int units, String updatedBy, Instant updatedAt) {
    }

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    public GazetteerStore(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /** Replaces the country's table; {@link IllegalArgumentException} when it cannot fit in one item. */
    public Table put(String country, String csv, int units, String updatedBy) {
        byte[] z = IdempotencyRecords.gzip(csv);
        if (z.length > MAX_COMPRESSED_BYTES) {
            throw new IllegalArgumentException("the table compresses to " + z.length + " bytes; at most "
                    + MAX_COMPRESSED_BYTES + " fit");
        }
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(PARTITION));
        item.put(SK, s(country));
        item.put("csvZ", AttributeValue.builder().b(SdkBytes.fromByteArray(z)).build());
        item.put("units", AttributeValue.builder().n(Integer.toString(units)).build());
        item.put("by", s(updatedBy));
        item.put("at", s(now.toString()));
        Dynamo.call("put gazetteer", () -> db.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
        return new Table(country, csv, units, updatedBy, now);
    }

    public Optional<Table> get(String country) {
        Map<String, AttributeValue> item = Dynamo.call("get gazetteer", () -> db.getItem(GetItemRequest.builder()
                .tableName(table).key(Map.of(PK, s(PARTITION), SK, s(country))).build())).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item));
    }

    /** Every country's table, by country code: one Query per 1 MB page. */
    public Map<String, Table> all() {
        Map<String, Table> out = new LinkedHashMap<>();
        Dynamo.call("query gazetteers", () -> {
            db.queryPaginator(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(PARTITION)))
                    .build()).items().forEach(i -> out.put(i.get(SK).s(), read(i)));
            return null;
        });
        return out;
    }

    private static Table read(Map<String, AttributeValue> i) {
        return new Table(i.get(SK).s(), IdempotencyRecords.gunzip(i.get("csvZ").b().asByteArray()),
                Integer.parseInt(i.get("units").n()), i.get("by").s(), Instant.parse(i.get("at").s()));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
