package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every function: its own zip, Quarkus handler, java21, SnapStart on the alias, its own log group. */
class FunctionsTest {

    private final SamTemplate template = SamTemplate.load();

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void codeRuntimeAndHandler(String function) {
        JsonNode p = template.functionProperties(SamTemplate.functionLogicalId(function));
        assertEquals("../functions/" + function + "/target/function.zip", p.path("CodeUri").asText());
        assertEquals("java21", p.path("Runtime").asText());
        // import: its own entry routes S3 and hand-over events to the importer, the rest to Quarkus
        // (ImportEntry; the import tests invoke exactly this handler string).
        assertEquals(function.equals("import") ? "org.conflictledger.imports.ImportEntry::handleRequest"
                : "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest", p.path("Handler").asText());
        assertTrue(p.path("MemorySize").asInt() >= 512, function + ": memory");
        assertTrue(p.path("Timeout").asInt() > 0, function + ": timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void snapStartOnPublishedVersionsBehindAnAlias(String function) {
        JsonNode p = template.functionProperties(SamTemplate.functionLogicalId(function));
        assertEquals("PublishedVersions", p.path("SnapStart").path("ApplyOn").asText());
        assertFalse(p.path("AutoPublishAlias").asText().isEmpty(), function + ": AutoPublishAlias");
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void ownLogGroupWithRetention(String function) {
        JsonNode p = template.functionProperties(SamTemplate.functionLogicalId(function));
        String group = SamTemplate.refTarget(p.path("LoggingConfig").path("LogGroup"));
        assertEquals("AWS::Logs::LogGroup", template.resource(group).path("Type").asText());
        assertFalse(template.properties(group).path("RetentionInDays").isMissingNode(), group + ": retention");
        for (String other : ApiContract.FUNCTIONS) {
            if (!other.equals(function)) {
                JsonNode o = template.functionProperties(SamTemplate.functionLogicalId(other));
                assertFalse(group.equals(SamTemplate.refTarget(o.path("LoggingConfig").path("LogGroup"))),
                        function + " shares its log group with " + other);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void httpFunctionsFitTheApiGatewayTimeout(String function) {
        int timeout = template.functionProperties(SamTemplate.functionLogicalId(function)).path("Timeout").asInt();
        if (function.equals("import")) {
            // Its S3 events run up to Lambda's 15 minutes (docs/imports.md); its routes answer in well under 30 s.
            assertEquals(900, timeout, function);
        } else if (ApiContract.HTTP_FUNCTIONS.contains(function)) {
            assertTrue(timeout < 30, function + ": HTTP API integrations time out at 30 s");
        }
    }
}
