package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.conflictledger.store.LedgerTable;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The template's table equals LedgerTable, the single source of truth for keys and indexes. */
class TableDefinitionTest {

    private final SamTemplate template = SamTemplate.load();
    private final CreateTableRequest expected = LedgerTable.createRequest("ignored");
    private final String tableId = template.onlyResourceOfType("AWS::DynamoDB::Table");
    private final JsonNode table = template.properties(tableId);

    @Test
    void keySchemaEqualsLedgerTable() {
        assertEquals(keys(expected.keySchema()), keys(table.path("KeySchema")));
    }

    @Test
    void attributeDefinitionsEqualLedgerTable() {
        Set<String> want = new TreeSet<>();
        expected.attributeDefinitions().forEach(a -> want.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        Set<String> got = new TreeSet<>();
        table.path("AttributeDefinitions").forEach(a ->
                got.add(a.path("AttributeName").asText() + ":" + a.path("AttributeType").asText()));
        assertEquals(want, got);
    }

    @Test
    void globalSecondaryIndexesEqualLedgerTable() {
        Map<String, String> want = new TreeMap<>();
        for (GlobalSecondaryIndex i : expected.globalSecondaryIndexes()) {
            want.put(i.indexName(), keys(i.keySchema()) + " projection=" + i.projection().projectionTypeAsString());
        }
        Map<String, String> got = new TreeMap<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> got.put(i.path("IndexName").asText(),
                keys(i.path("KeySchema")) + " projection=" + i.path("Projection").path("ProjectionType").asText()));
        assertEquals(want, got);
    }

    @Test
    void indexesMatchTheIndexConstants() {
        Set<String> names = new TreeSet<>();
        table.path("GlobalSecondaryIndexes").forEach(i -> names.add(i.path("IndexName").asText()));
        Set<String> constants = new TreeSet<>();
        LedgerTable.INDEXES.forEach(i -> constants.add(i.name()));
        assertEquals(constants, names);
    }

    @Test
    void billingModeEqualsLedgerTable() {
        assertEquals(expected.billingModeAsString(), table.path("BillingMode").asText());
        assertTrue(table.path("ProvisionedThroughput").isMissingNode(), "on-demand table has no provisioned throughput");
    }

    @Test
    void timeToLiveIsOnTheTtlAttribute() {
        assertEquals(LedgerTable.TTL, table.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
    }

    @Test
    void tableIsProtected() {
        JsonNode resource = template.resource(tableId);
        assertEquals("Retain", resource.path("DeletionPolicy").asText());
        assertEquals("Retain", resource.path("UpdateReplacePolicy").asText());
        assertTrue(table.path("DeletionProtectionEnabled").asBoolean());
        assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertTrue(table.path("SSESpecification").path("SSEEnabled").asBoolean());
    }

    @Test
    void everyFunctionGetsTheTableNameFromLedgerTable() {
        for (String fn : ApiContract.FUNCTIONS) {
            JsonNode env = template.functionProperties(SamTemplate.functionLogicalId(fn))
                    .path("Environment").path("Variables");
            assertEquals(tableId, SamTemplate.refTarget(env.path("LEDGER_TABLE")), fn + ": LEDGER_TABLE");
        }
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        List<String> out = new ArrayList<>();
        schema.forEach(k -> out.add(k.attributeName() + ":" + k.keyTypeAsString()));
        return out;
    }

    private static List<String> keys(JsonNode schema) {
        List<String> out = new ArrayList<>();
        schema.forEach(k -> out.add(k.path("AttributeName").asText() + ":" + k.path("KeyType").asText()));
        return out;
    }
}
