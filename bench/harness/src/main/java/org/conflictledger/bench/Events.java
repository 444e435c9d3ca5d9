package org.conflictledger.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Raw API Gateway HTTP API (payload 2.0) events, claims where the JWT authorizer puts them. */
final class Events {

    private Events() {
    }

    static String http(String method, String path, String query, String body, String sub, String group) {
        return http(method, path, query, body, sub, group, "application/json");
    }

    static String http(String method, String path, String query, String body, String sub, String group,
                       String contentType) {
        ObjectNode e = JsonNodeFactory.instance.objectNode(); // no core here: the baselines run it too
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", query == null ? "" : query);
        ObjectNode h = e.putObject("headers");
        h.put("content-type", contentType);
        h.put("accept", "application/json");
        h.put("user-agent", "bench");
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", "123456789012");
        rc.put("apiId", "bench");
        rc.put("domainName", "localhost");
        rc.put("requestId", "bench-" + System.nanoTime());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", "24/Nov/2026:12:00:00 +0000");
        rc.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = rc.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "bench");
        if (sub != null) {
            ObjectNode jwt = rc.putObject("authorizer").putObject("jwt");
            jwt.putObject("claims").put("sub", sub).put("cognito:groups", "[" + group + "]");
            jwt.putArray("scopes");
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e.toString();
    }
}
