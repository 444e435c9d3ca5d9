package org.conflictledger.deployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Lambda gives a SnapStart function instead of AWS_ACCESS_KEY_ID: a container credentials
 * endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) that answers only requests carrying the
 * authorization token (AWS_CONTAINER_AUTHORIZATION_TOKEN). Counts the authorized calls and keeps
 * every refused one, so that a test can assert that the functions got their credentials here.
 * The same server publishes the identity provider's JWKS (lookup verifies bearer tokens with it).
 */
final class CredentialsEndpoint implements AutoCloseable {

    static final String PATH = "/2021-04-23/credentials";
    static final String ACCESS_KEY_ID = "ASIADEPLOYEDSHAPETEST";
    static final String SECRET_ACCESS_KEY = "deployed-shape-secret";
    static final String SESSION_TOKEN = "deployed-shape-session";

    final String token = UUID.randomUUID().toString();
    final AtomicInteger authorized = new AtomicInteger();
    final List<String> refused = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile String jwks = "{\"keys\":[]}";

    CredentialsEndpoint() throws IOException {
        server = loopback("credentials-endpoint");
        server.createContext(PATH, this::credentials);
        server.createContext("/.well-known/jwks.json", x -> reply(x, 200, jwks));
        server.start();
    }

    /** An HTTP server on a free loopback port with two daemon threads (the test's stand-in endpoints). */
    static HttpServer loopback(String threadName) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        return server;
    }

    String uri() {
        return base() + PATH;
    }

    /** http://127.0.0.1:port, the test identity provider's issuer. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void jwks(String json) {
        this.jwks = json;
    }

    private void credentials(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (!token.equals(auth)) {
            refused.add(x.getRequestMethod() + " " + x.getRequestURI() + " Authorization=" + auth);
            reply(x, 403, "{\"message\":\"bad token\"}");
            return;
        }
        authorized.incrementAndGet();
        reply(x, 200, """
            {"AccessKeyId": "%s", "SecretAccessKey": "%s", "Token": "%s",
             "Expiration": "%s"}""".formatted(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, Instant.now().plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)));
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
