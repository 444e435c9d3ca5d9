package org.conflictledger.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.conflictledger.domain.json.Json;

/**
 * Raw API Gateway HTTP API (payload 2.0) events, with the JWT claims where the authorizer puts
 * them, posted to the mock event server's /_lambda_ endpoint: the exact path Lambda takes.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** A verified response of the handler: status, headers (lower-case names), body text. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String query = "";
        private String body;
        private byte[] rawBody;

        Builder(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("content-type", "application/json");
        }

        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(), value);
            return this;
        }

        public Builder query(String rawQuery) {
            this.query = rawQuery;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            this.rawBody = null;
            return this;
        }

        /**
         * Exact body bytes (e.g. invalid UTF-8), sent base64-encoded with isBase64Encoded=true as
         * API Gateway does for binary bodies, so that they reach the handler unchanged.
         */
        public Builder bodyBytes(byte[] bytes) {
            this.rawBody = bytes.clone();
            this.body = null;
            return this;
        }

        /** Drops a header set so far, e.g. the default content-type. */
        public Builder withoutHeader(String name) {
            headers.remove(name.toLowerCase());
            return this;
        }

        /** Claims as API Gateway flattens them: groups as "[a b]". */
        public Builder as(String sub, String... groups) {
            claims.put("sub", sub);
            if (groups.length > 0) {
                claims.put("cognito:groups", "[" + String.join(" ", groups) + "]");
            }
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public ObjectNode event() {
            ObjectNode e = Json.mapper().createObjectNode();
            e.put("version", "2.0");
            e.put("routeKey", "$default");
            e.put("rawPath", path);
            e.put("rawQueryString", query);
            ObjectNode h = e.putObject("headers");
            headers.forEach(h::put);
            ObjectNode rc = e.putObject("requestContext");
            rc.put("accountId", "123456789012");
            rc.put("apiId", "local");
            rc.put("domainName", "localhost");
            rc.put("requestId", "test-" + System.nanoTime());
            rc.put("stage", "$default");
            rc.put("time", "24/Nov/2026:12:00:00 +0000");
            rc.put("timeEpoch", 1795521600000L);
            ObjectNode http = rc.putObject("http");
            http.put("method", method);
            http.put("path", path);
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", "127.0.0.1");
            http.put("userAgent", "tests");
            if (!claims.isEmpty()) {
                ObjectNode jwt = rc.putObject("authorizer").putObject("jwt");
                jwt.set("claims", Json.mapper().valueToTree(claims));
                jwt.putArray("scopes");
            }
            if (rawBody != null) {
                e.put("body", Base64.getEncoder().encodeToString(rawBody));
                e.put("isBase64Encoded", true);
            } else if (body != null) {
                e.put("body", body);
                e.put("isBase64Encoded", false);
            } else {
                e.put("isBase64Encoded", false);
            }
            return e;
        }

        public Reply send() {
            return LambdaEvents.send(event().toString());
        }
    }

    public static Builder request(String method, String path) {
        return new Builder(method, path);
    }

    /** Posts a raw event to the mock event server and decodes the raw Lambda response. */
    public static Reply send(String rawEvent) {
        String raw = given().contentType(ContentType.JSON).body(rawEvent.getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_").then().extract().asString();
        try {
            JsonNode r = Json.mapper().readTree(raw);
            Map<String, String> headers = new LinkedHashMap<>();
            if (r.has("headers") && r.get("headers").isObject()) {
                r.get("headers").fields().forEachRemaining(f -> headers.put(f.getKey().toLowerCase(), f.getValue().asText()));
            }
            if (r.has("multiValueHeaders") && r.get("multiValueHeaders").isObject()) {
                r.get("multiValueHeaders").fields().forEachRemaining(f ->
                        headers.putIfAbsent(f.getKey().toLowerCase(), f.getValue().get(0).asText()));
            }
            String body = r.hasNonNull("body") ? r.get("body").asText() : "";
            if (r.path("isBase64Encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            return new Reply(r.path("statusCode").asInt(), headers, body);
        } catch (Exception e) {
            throw new AssertionError("not a Lambda response: " + raw, e);
        }
    }
}
