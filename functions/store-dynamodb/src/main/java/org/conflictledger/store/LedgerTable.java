package org.conflictledger.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single source of truth for the table's keys and indexes (docs/data-model.md explains
 * them; infra/template.yaml must match, and a test checks that it does).
 */
public final class LedgerTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Time-to-live attribute (epoch seconds) for idempotency records. */
    public static final String TTL = "ttl";

    /** Search indexes, one per admin level; each partition is an area plus a span class. */
    public static final String BY_COUNTRY = "byCountry";
    public static final String BY_ADMIN1 = "byAdmin1";
    public static final String BY_ADMIN2 = "byAdmin2";
    /**
     * The change feed across months: every feed entry carries {@code fpk = "F"} and {@code fsk} =
     * its sort key, so one Query finds the next entries after any instant, however many empty
     * months lie between (docs/data-model.md, "Change feed").
     */
    public static final String BY_FEED = "byFeed";

    public record Index(String name, String partitionKey, String sortKey) {
    }

    public static final List<Index> INDEXES = List.of(
            new Index(BY_COUNTRY, "g0pk", "gsk"),
            new Index(BY_ADMIN1, "g1pk", "gsk"),
            new Index(BY_ADMIN2, "g2pk", "gsk"),
            new Index(BY_FEED, "fpk", "fsk"));

    private LedgerTable() {
    }

    public static Index index(String name) {
        return INDEXES.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attr(PK), attr(SK), attr("g0pk"), attr("g1pk"), attr("g2pk"), attr("gsk"),
                        attr("fpk"), attr("fsk"))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(INDEXES.stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name())
                        .keySchema(key(i.partitionKey(), KeyType.HASH), key(i.sortKey(), KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build()).toList())
                .build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
