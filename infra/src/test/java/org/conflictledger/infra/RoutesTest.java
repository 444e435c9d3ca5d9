package org.conflictledger.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conflictledger.testing.ApiContract;
import org.conflictledger.testing.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template's HTTP API routes equal the contract (docs/api.md, ApiContract.ROUTES). */
class RoutesTest {

    private final SamTemplate template = SamTemplate.load();

    @ParameterizedTest
    @ValueSource(strings = {"submit", "lookup", "aggregate", "import"})
    void functionRoutesEqualTheContract(String function) {
        assertEquals(ApiContract.routesOf(function), template.routes(SamTemplate.functionLogicalId(function)));
    }

    @Test
    void everyContractRouteIsMappedOnceAndNothingElse() {
        Map<String, String> want = new TreeMap<>();
        ApiContract.ROUTES.forEach(r -> want.put(r.key(), SamTemplate.functionLogicalId(r.function())));
        assertEquals(ApiContract.ROUTES.size(), want.size(), "duplicate route in ApiContract.ROUTES");
        assertEquals(want, new TreeMap<>(template.allRoutes()));
    }

    @Test
    void writeRoutesUseTheJwtAuthorizerAndReadRoutesArePublic() {
        String api = template.onlyResourceOfType("AWS::Serverless::HttpApi");
        JsonNode auth = template.properties(api).path("Auth");
        String jwt = auth.path("DefaultAuthorizer").asText();
        JsonNode authorizer = auth.path("Authorizers").path(jwt);
        assertTrue(authorizer.path("JwtConfiguration").isObject(), "default authorizer is a JWT authorizer");
        assertEquals("$request.header.Authorization", authorizer.path("IdentitySource").asText());
        for (ApiContract.Route r : ApiContract.ROUTES) {
            String used = template.routeAuthorizers(SamTemplate.functionLogicalId(r.function())).get(r.key());
            assertEquals(r.isPublicRead() ? "NONE" : jwt, used, r.key());
        }
    }

    @Test
    void routesUsePayloadFormat2AndTheOneHttpApi() {
        String api = template.onlyResourceOfType("AWS::Serverless::HttpApi");
        for (String fn : ApiContract.HTTP_FUNCTIONS) {
            for (JsonNode e : template.httpApiEvents(SamTemplate.functionLogicalId(fn)).values()) {
                assertEquals("2.0", e.path("PayloadFormatVersion").asText(), fn + " " + e);
                assertEquals(api, SamTemplate.refTarget(e.path("ApiId")), fn + " " + e);
            }
        }
    }

    @Test
    void apiHasDefaultThrottlingAndCorsForTheConfiguredOriginsOnly() {
        JsonNode api = template.properties(template.onlyResourceOfType("AWS::Serverless::HttpApi"));
        assertFalse(api.path("DefaultRouteSettings").path("ThrottlingBurstLimit").isMissingNode());
        assertFalse(api.path("DefaultRouteSettings").path("ThrottlingRateLimit").isMissingNode());
        // docs/api.md "Identity and roles": the origins are a deploy parameter, none by default
        JsonNode cors = api.path("CorsConfiguration").path("Fn::If");
        assertEquals("HasCorsOrigins", cors.path(0).asText(), cors.toString());
        assertEquals("CorsAllowOrigins", cors.path(1).path("AllowOrigins").path("Fn::Split").path(1).path("Ref").asText());
        assertEquals("", template.root().path("Parameters").path("CorsAllowOrigins").path("Default").asText("x"));
        List<String> exposed = new ArrayList<>();
        cors.path(1).path("ExposeHeaders").forEach(h -> exposed.add(h.asText()));
        assertTrue(exposed.containsAll(List.of("ETag", "Location", "X-Next-Cursor", "Retry-After")), exposed.toString());
        assertEquals("AWS::NoValue", cors.path(2).path("Ref").asText());
    }
}
