package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP functions read which scopes give a role (ledger.auth.scope-prefix) from one stack parameter. */
class ScopePrefixTest {

    private final SamTemplate template = SamTemplate.load();

    @Test
    void theParameterDefaultsToBareRolesOnly() {
        JsonNode p = template.root().path("Parameters").path("JwtScopePrefix");
        assertEquals("String", p.path("Type").asText());
        assertTrue(p.has("Default") && p.path("Default").asText().isEmpty(), p.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup"})
    void bothHttpFunctionsGetIt(String function) {
        JsonNode env = template.functionProperties(SamTemplate.functionLogicalId(function))
                .path("Environment").path("Variables");
        assertEquals("JwtScopePrefix", SamTemplate.refTarget(env.path("LEDGER_AUTH_SCOPE_PREFIX")), env.toString());
    }
}
