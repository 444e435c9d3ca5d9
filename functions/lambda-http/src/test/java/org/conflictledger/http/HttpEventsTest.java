package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the HTTP bridge's response looks like after {@link HttpEvents#clean}; the functions' tests check the wire. */
class HttpEventsTest {

    private static APIGatewayV2HTTPResponse bridged(Map<String, String> headers, String body) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(new LinkedHashMap<>(headers));
        r.setBody(body);
        return r;
    }

    @Test
    void hopByHopAndEmptyHeadersAreDroppedAndTheLengthIsTheBodys() {
        String body = "{\"name\":\"شاهد عيان 🙂\"}";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Transfer-Encoding", "");
        h.put("connection", "close, X-Private");
        h.put("keep-alive", "timeout=5");
        h.put("X-Private", "1");
        h.put("Content-Type", "application/json");
        h.put("ETag", " ");
        h.put("Vary", "Accept, Authorization");
        APIGatewayV2HTTPResponse out = HttpEvents.clean(bridged(h, body));
        assertEquals(Map.of("Content-Type", "application/json", "Vary", "Accept,Authorization",
                "content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)), out.getHeaders());
        assertEquals(body, out.getBody());
        assertNull(out.getMultiValueHeaders());
    }

    @Test
    void anExistingLengthIsKeptAndABase64BodyIsMeasuredDecoded() {
        byte[] bytes = new byte[8195];
        APIGatewayV2HTTPResponse r = bridged(Map.of("content-type", "application/octet-stream"),
                Base64.getEncoder().encodeToString(bytes));
        r.setIsBase64Encoded(true);
        assertEquals("8195", HttpEvents.clean(r).getHeaders().get("content-length"));
        assertEquals("12", HttpEvents.clean(bridged(Map.of("Content-Length", "12"), "{\"a\":\"bcde\"}"))
                .getHeaders().get("Content-Length"));
        assertFalse(HttpEvents.clean(bridged(Map.of(), null)).getHeaders().containsKey("content-length"));
    }

    @Test
    void multiValueHeadersAreCleanedToo() {
        APIGatewayV2HTTPResponse r = bridged(Map.of(), null);
        r.setMultiValueHeaders(Map.of("Content-Type", List.of("application/json"), "Transfer-Encoding", List.of("chunked"),
                "X-Empty", List.of("")));
        assertEquals(Map.of("Content-Type", List.of("application/json")), HttpEvents.clean(r).getMultiValueHeaders());
    }

    @Test
    void theFunctionsMapperWritesTheCleanResponse() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HttpEvents.install(mapper);
        JsonNode json = mapper.copy().valueToTree(bridged(Map.of("transfer-encoding", "", "vary", "Accept, Authorization"), "x"));
        assertEquals("Accept,Authorization", json.at("/headers/vary").asText());
        assertFalse(json.path("headers").has("transfer-encoding"));
        assertEquals("1", json.at("/headers/content-length").asText());
        assertEquals(200, json.path("statusCode").asInt());
    }
}
