package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;
import org.conflictledger.store.LedgerTable;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.Permissions;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each function's DynamoDB grants equal Permissions.BY_FUNCTION, on exact resources only. */
class PermissionsTest {

    private final SamTemplate template = SamTemplate.load();
    private final String table = template.onlyResourceOfType("AWS::DynamoDB::Table");

    @Test
    void permissionsCoverExactlyTheFunctions() {
        assertEquals(new TreeSet<>(ApiContract.FUNCTIONS), new TreeSet<>(Permissions.BY_FUNCTION.keySet()));
        Set<String> ids = new TreeSet<>();
        ApiContract.FUNCTIONS.forEach(f -> ids.add(SamTemplate.functionLogicalId(f)));
        assertEquals(ids, new TreeSet<>(template.functions()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void dynamoActionsEqualPermissions(String function) {
        assertEquals(new TreeSet<>(Permissions.BY_FUNCTION.get(function)),
                template.allowedActions(SamTemplate.functionLogicalId(function), "dynamodb:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void dynamoResourcesAreTheTableAndOnlyTheNeededIndexes(String function) {
        Set<String> want = new TreeSet<>();
        want.add("${" + table + ".Arn}");
        if (Permissions.QUERIES_INDEXES.contains(function)) {
            LedgerTable.INDEXES.forEach(i -> want.add("${" + table + ".Arn}/index/" + i.name()));
        }
        assertEquals(want, template.allowedResources(SamTemplate.functionLogicalId(function), "dynamodb:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void policiesAreInlineDocumentsWithoutWildcardsOrDenies(String function) {
        String id = SamTemplate.functionLogicalId(function);
        JsonNode policies = template.functionProperties(id).path("Policies");
        for (JsonNode p : SamTemplate.asList(policies)) {
            // No managed policy names and no SAM policy templates (DynamoDBCrudPolicy, ...).
            assertTrue(p.isObject() && p.has("Statement") && p.size() <= 2,
                    function + ": only inline policy documents, got " + p);
        }
        for (JsonNode s : template.policyStatements(id)) {
            assertEquals("Allow", s.path("Effect").asText(), function + ": " + s);
            for (JsonNode a : SamTemplate.asList(s.path("Action"))) {
                assertFalse(a.asText().contains("*"), function + ": wildcard action " + a);
            }
            for (JsonNode r : SamTemplate.asList(s.path("Resource"))) {
                String rendered = SamTemplate.render(r);
                // The one wildcard: the objects under uploads/ of import's own bucket (S3 object ARNs
                // cannot name keys that do not exist yet).
                boolean uploads = function.equals("import") && rendered.matches(
                        "arn:\\$\\{AWS::Partition}:s3:::conflict-ledger-uploads-[^*]*/uploads/\\*");
                assertFalse(rendered.contains("*") && !uploads, function + ": wildcard resource " + r);
            }
        }
    }

    @Test
    void scanIsNeverGrantedNorDeclared() {
        for (String s : SamTemplate.strings(template.root())) {
            assertFalse(s.equalsIgnoreCase("dynamodb:Scan") || s.equals("dynamodb:*"), "template grants " + s);
        }
        Permissions.BY_FUNCTION.values().forEach(actions -> assertFalse(actions.contains("dynamodb:Scan")));
    }

    @Test
    void transactWriteItemsIsNotAnIamAction() {
        // IAM authorises each transaction element as PutItem/UpdateItem/DeleteItem/ConditionCheckItem.
        for (String s : SamTemplate.strings(template.root())) {
            assertFalse(s.startsWith("dynamodb:Transact"), "not an IAM action: " + s);
        }
        Permissions.BY_FUNCTION.values().forEach(actions ->
                actions.forEach(a -> assertFalse(a.startsWith("dynamodb:Transact"), a)));
    }
}
