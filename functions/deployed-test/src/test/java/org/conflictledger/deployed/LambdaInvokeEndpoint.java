package org.conflictledger.deployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Lambda service's Invoke API (POST /2015-03-31/functions/{name}/invocations),
 * which moto cannot serve without Docker: the import function's AWS_ENDPOINT_URL_LAMBDA points
 * here. It answers an asynchronous invocation as Lambda does (202, empty body) and records each
 * request, so that the test can check the hand-over and deliver its payload itself.
 */
final class LambdaInvokeEndpoint implements AutoCloseable {

    static final String PREFIX = "/2015-03-31/functions/";
    static final String SUFFIX = "/invocations";

    /** One Invoke request as the function sent it. */
    record Invocation(String functionName, String invocationType, String qualifier, String authorization,
                      String securityToken, String payload) {
    }

    final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    LambdaInvokeEndpoint() throws IOException {
        server = CredentialsEndpoint.loopback("lambda-invoke-endpoint");
        server.createContext(PREFIX, this::invoke);
        server.start();
    }

    /** http://127.0.0.1:port, the value of AWS_ENDPOINT_URL_LAMBDA. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void invoke(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        byte[] body = x.getRequestBody().readAllBytes();
        if (!"POST".equals(x.getRequestMethod()) || !path.endsWith(SUFFIX)) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        String name = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
                StandardCharsets.UTF_8);
        String query = x.getRequestURI().getQuery();
        String qualifier = query != null && query.startsWith("Qualifier=") ? query.substring("Qualifier=".length()) : null;
        invocations.add(new Invocation(name, x.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), qualifier,
                x.getRequestHeaders().getFirst("Authorization"), x.getRequestHeaders().getFirst("X-Amz-Security-Token"),
                new String(body, StandardCharsets.UTF_8)));
        // Lambda's answer to InvocationType Event: 202 Accepted, no payload.
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        x.sendResponseHeaders(202, -1);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
