package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.conflictledger.testing.WireHeaders;
import org.junit.jupiter.api.Test;

/**
 * submit's responses as strict clients see them (issue 11: no hop-by-hop header, no empty value, a
 * length on bodies over the bridge's 8 KiB buffer), and exact roles (issue 12 item 8).
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class WireAndRolesTest extends SubmitTestBase {

    @Test
    void aLargeBatchAnswerIsACleanRawLambdaResponse() {
        String batch = "{\"reports\":[" + String.join(",", Collections.nCopies(100, "{}")) + "]}";
        JsonNode r = WireHeaders.lambda(LambdaEvents.request("POST", "/v1/reports/batch").as("rep-1", "reporter")
                .header("connection", "close").body(batch).event().toString());
        assertTrue(WireHeaders.body(r).length > 8192, "over the bridge's buffer: " + WireHeaders.body(r).length);
        WireHeaders.assertClean(r);
        assertEquals(0, stored(), "nothing valid, nothing stored");
    }

    @Test
    void smallAnswersAndProblemsAreCleanToo() {
        WireHeaders.assertClean(WireHeaders.lambda(LambdaEvents.request("POST", "/v1/reports").as("rep-1", "reporter")
                .body(Samples.periodTotal()).event().toString()));
        WireHeaders.assertClean(WireHeaders.lambda(LambdaEvents.request("POST", "/v1/reports").body("{}").event().toString()));
        var port = WireHeaders.http("POST", "/v1/reports", Map.of("Content-Type", "application/json", "Content-Length", "0"));
        assertEquals(401, port.status());
        WireHeaders.assertClean(port);
    }

    @Test
    void rolesAreExact() {
        // Tests configure ledger.auth.scope-prefix=ledger-api/ (application.properties).
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("scope", "anything/reporter"), Map.of("scope", "other-api/editor"), Map.of("scope", "REPORTER"),
                Map.of("scope", "ledger-api/Reporter"), Map.of("cognito:groups", "[REPORTER]"),
                Map.of("cognito:groups", List.of("Editor")))) {
            var b = LambdaEvents.request("POST", "/v1/reports").claim("sub", "u-x").body(Samples.periodTotal());
            claims.forEach(b::claim);
            assertProblem(b.send(), 403);
        }
        assertEquals(0, stored());
        for (String scope : List.of("ledger-api/reporter", "reporter")) {
            var ok = LambdaEvents.request("POST", "/v1/reports").claim("sub", "u-ok").claim("scope", "openid " + scope)
                    .body(Samples.periodTotal()).send();
            assertEquals(201, ok.status(), scope + ": " + ok.body());
        }
    }
}
