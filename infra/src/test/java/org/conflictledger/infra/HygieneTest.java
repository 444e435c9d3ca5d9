package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.Permissions;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Infrastructure hygiene (docs/deploy.md): no secret in the functions' configuration, encrypted log
 * groups, bounded concurrency, lower throttles on the public routes, edge protection off by default.
 */
class HygieneTest {

    /** Names that announce a secret value (LEDGER_CURSOR_KEY was one); *_SECRET_ARN or *_LOCATION do not. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|SECRET|PASSWORD|TOKEN|CREDENTIALS?)$");

    private final SamTemplate template = SamTemplate.load();

    /** Every environment variable of every function (Globals merged), name to value. */
    private Map<String, JsonNode> environment(String functionLogicalId) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        template.functionProperties(functionLogicalId).path("Environment").path("Variables").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private JsonNode parameter(String name) {
        JsonNode p = template.root().path("Parameters").path(name);
        assertFalse(p.isMissingNode(), "parameter " + name);
        return p;
    }

    @Test
    void noSecretInAnyEnvironmentVariableOrOutput() {
        for (String s : SamTemplate.strings(template.root())) {
            assertFalse(s.contains("{{resolve:"), "a dynamic reference puts a secret into the configuration: " + s);
        }
        Set<String> secrets = new TreeSet<>(template.resourcesOfType("AWS::SecretsManager::Secret"));
        assertEquals(Set.of("CursorKeySecret"), secrets);
        for (String fn : template.functions()) {
            environment(fn).forEach((name, value) -> {
                assertFalse(SECRET_NAME.matcher(name).matches(),
                        fn + ": " + name + " looks like a secret in the environment");
                // A secret may appear only as a Ref (its ARN), under a name that says so.
                if (value.has("Ref") && secrets.contains(value.get("Ref").asText())) {
                    assertTrue(name.endsWith("_SECRET_ARN"), fn + ": " + name);
                }
                assertFalse(value.has("Fn::GetAtt") && secrets.contains(value.get("Fn::GetAtt").get(0).asText()),
                        fn + ": " + name);
            });
        }
        template.root().path("Outputs").fields().forEachRemaining(o -> {
            for (String s : SamTemplate.strings(o.getValue())) {
                secrets.forEach(secret -> assertFalse(s.contains(secret), "output " + o.getKey() + " names " + secret));
            }
            JsonNode value = o.getValue().path("Value");
            assertFalse(value.has("Ref") && secrets.contains(value.get("Ref").asText()), "output " + o.getKey());
        });
    }

    @Test
    void lookupGetsTheSecretsArnAndReadsOnlyThatSecret() {
        JsonNode arn = environment("LookupFunction").get("LEDGER_CURSOR_SECRET_ARN");
        assertEquals("CursorKeySecret", SamTemplate.refTarget(arn));
        for (String function : ApiContract.FUNCTIONS) {
            String id = SamTemplate.functionLogicalId(function);
            Set<String> actions = Permissions.SECRETS_BY_FUNCTION.get(function);
            assertEquals(new TreeSet<>(actions), template.allowedActions(id, "secretsmanager:"), function);
            if (actions.isEmpty()) {
                assertEquals(Permissions.KMS_VIA_S3_BY_FUNCTION.getOrDefault(function, Set.of()),
                        template.allowedActions(id, "kms:"), function);
                // The uploads bucket's key (import), only through S3.
                for (JsonNode s : template.policyStatements(id)) {
                    if (SamTemplate.asList(s.path("Action")).stream().anyMatch(a -> a.asText().startsWith("kms:"))) {
                        assertEquals("s3.${AWS::Region}.${AWS::URLSuffix}",
                                SamTemplate.render(s.path("Condition").path("StringEquals").path("kms:ViaService")), function);
                        assertEquals(Set.of("${EncryptionKey.Arn}"), template.allowedResources(id, "kms:"), function);
                    }
                }
                continue;
            }
            assertEquals(Set.of("${CursorKeySecret}"), template.allowedResources(id, "secretsmanager:"));
            // Decrypt with the stack's key, and only through Secrets Manager.
            assertEquals(Set.of("kms:Decrypt"), template.allowedActions(id, "kms:"));
            assertEquals(Set.of("${EncryptionKey.Arn}"), template.allowedResources(id, "kms:"));
            for (JsonNode s : template.policyStatements(id)) {
                if (SamTemplate.asList(s.path("Action")).stream().anyMatch(a -> a.asText().startsWith("kms:"))) {
                    assertEquals("secretsmanager.${AWS::Region}.${AWS::URLSuffix}",
                            SamTemplate.render(s.path("Condition").path("StringEquals").path("kms:ViaService")));
                }
            }
        }
    }

    @Test
    void logGroupsAndTheSecretAreEncryptedWithTheStacksKey() {
        assertEquals(List.of("EncryptionKey"), template.resourcesOfType("AWS::KMS::Key"));
        JsonNode key = template.properties("EncryptionKey");
        assertTrue(key.path("EnableKeyRotation").asBoolean(), "key rotation");
        List<String> groups = template.resourcesOfType("AWS::Logs::LogGroup");
        assertEquals(ApiContract.FUNCTIONS.size() + 1, groups.size(), "one per function and the API's: " + groups);
        for (String g : groups) {
            assertEquals("${EncryptionKey.Arn}", SamTemplate.render(template.properties(g).path("KmsKeyId")), g);
            assertEquals("LogRetentionDays", SamTemplate.refTarget(template.properties(g).path("RetentionInDays")), g);
        }
        assertEquals("EncryptionKey", SamTemplate.refTarget(template.properties("CursorKeySecret").path("KmsKeyId")));
        // CloudWatch Logs may use the key, for this stack's log groups only.
        List<JsonNode> logs = new ArrayList<>();
        for (JsonNode s : key.path("KeyPolicy").path("Statement")) {
            if (SamTemplate.render(s.path("Principal").path("Service")).startsWith("logs.")) {
                logs.add(s);
            }
        }
        assertEquals(1, logs.size());
        Set<String> contexts = new TreeSet<>();
        SamTemplate.asList(logs.get(0).path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn"))
                .forEach(c -> contexts.add(SamTemplate.render(c)));
        for (String g : groups) {
            String name = SamTemplate.render(template.properties(g).path("LogGroupName"));
            assertTrue(contexts.stream().anyMatch(c -> c.endsWith(":log-group:" + name.substring(0, name.lastIndexOf('/')) + "/*")),
                    g + " " + name + " not covered by " + contexts);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate"})
    void reservedConcurrencyIsAParameterWithASaneDefault(String function) {
        String id = SamTemplate.functionLogicalId(function);
        JsonNode reserved = template.properties(id).path("ReservedConcurrentExecutions");
        JsonNode p = parameter(SamTemplate.refTarget(reserved));
        assertEquals("Number", p.path("Type").asText());
        assertTrue(p.path("MinValue").asInt() >= 1, "0 would stop the function");
        assertTrue(p.path("Default").asInt() >= 1 && p.path("Default").asInt() <= 50, function + ": " + p);
    }

    @Test
    void publicReadRoutesAreThrottledBelowTheWriteRoutes() {
        Set<String> publicRoutes = new TreeSet<>();
        for (String fn : template.functions()) {
            template.routeAuthorizers(fn).forEach((route, auth) -> {
                if ("NONE".equals(auth)) {
                    publicRoutes.add(route);
                }
            });
        }
        assertFalse(publicRoutes.isEmpty());
        JsonNode api = template.properties(template.onlyResourceOfType("AWS::Serverless::HttpApi"));
        JsonNode settings = api.path("RouteSettings");
        Set<String> limited = new TreeSet<>();
        settings.fieldNames().forEachRemaining(limited::add);
        assertEquals(publicRoutes, limited, "exactly the public routes have their own (lower) limits");
        int readRate = 0;
        int readBurst = 0;
        for (String route : limited) {
            readRate = parameter(SamTemplate.refTarget(settings.path(route).path("ThrottlingRateLimit"))).path("Default").asInt();
            readBurst = parameter(SamTemplate.refTarget(settings.path(route).path("ThrottlingBurstLimit"))).path("Default").asInt();
        }
        JsonNode defaults = api.path("DefaultRouteSettings");
        int writeRate = parameter(SamTemplate.refTarget(defaults.path("ThrottlingRateLimit"))).path("Default").asInt();
        int writeBurst = parameter(SamTemplate.refTarget(defaults.path("ThrottlingBurstLimit"))).path("Default").asInt();
        assertTrue(readRate > 0 && readRate < writeRate, readRate + " < " + writeRate);
        assertTrue(readBurst > 0 && readBurst < writeBurst, readBurst + " < " + writeBurst);
    }

    @Test
    void edgeProtectionIsOptionalAndOffByDefault() {
        assertEquals("none", parameter("EdgeProtection").path("Default").asText());
        JsonNode condition = template.root().path("Conditions").path("HasEdgeProtection").path("Fn::Equals");
        assertEquals("EdgeProtection", SamTemplate.refTarget(condition.get(0)));
        assertEquals("cloudfront-waf", condition.get(1).asText());
        List<String> edge = new ArrayList<>(template.resourcesOfType("AWS::CloudFront::Distribution"));
        edge.addAll(template.resourcesOfType("AWS::WAFv2::WebACL"));
        assertEquals(2, edge.size(), edge.toString());
        for (String r : edge) {
            assertEquals("HasEdgeProtection", template.resource(r).path("Condition").asText(), r);
        }
        JsonNode acl = template.properties(template.onlyResourceOfType("AWS::WAFv2::WebACL"));
        assertEquals("CLOUDFRONT", acl.path("Scope").asText());
        boolean perClientRate = false;
        for (JsonNode rule : acl.path("Rules")) {
            JsonNode rate = rule.path("Statement").path("RateBasedStatement");
            perClientRate |= "IP".equals(rate.path("AggregateKeyType").asText()) && rule.path("Action").has("Block");
        }
        assertTrue(perClientRate, "a rate-based rule per client IP that blocks");
        template.root().path("Outputs").fields().forEachRemaining(o -> {
            if (o.getValue().toString().contains("EdgeDistribution")) {
                assertEquals("HasEdgeProtection", o.getValue().path("Condition").asText(), o.getKey());
            }
        });
    }
}
