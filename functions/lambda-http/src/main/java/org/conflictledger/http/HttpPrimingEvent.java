package org.conflictledger.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.conflictledger.lambda.PrimingEvent;

/** A priming request in the API Gateway HTTP API (v2) event shape; its outcome is the HTTP status. */
public abstract class HttpPrimingEvent implements PrimingEvent {

    /** An event for {@code method path} with the given headers (a JSON object) and body (or null). */
    protected static String event(String method, String path, String headers, String body) {
        return """
            {"version": "2.0", "routeKey": "$default", "rawPath": "%2$s", "rawQueryString": "", "headers": %3$s,
             "requestContext": {"accountId": "0", "apiId": "priming", "domainName": "localhost",
               "requestId": "snapstart-priming", "stage": "$default", "time": "01/Jan/2025:00:00:00 +0000",
               "timeEpoch": 1735689600000, "http": {"method": "%1$s", "path": "%2$s",
               "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "priming"}},
             %4$s"isBase64Encoded": false}
            """.formatted(method, path, headers, body == null ? "" : "\"body\": " + quoted(body) + ", ");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String outcome(JsonNode reply) {
        return reply.path("statusCode").asText();
    }
}
