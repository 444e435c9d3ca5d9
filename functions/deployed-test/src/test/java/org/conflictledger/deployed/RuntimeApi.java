package org.conflictledger.deployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) for one function instance, as the runtime interface client
 * polls it: invocation next / response / error, init error, and SnapStart's restore next /
 * restore error. A "snapshot" here is the moment the runtime calls restore/next after its
 * beforeCheckpoint hooks; the reply lets it run the afterRestore hooks as a restored instance.
 */
final class RuntimeApi implements AutoCloseable {

    /** One invocation's outcome: the function's response bytes, or its error (type and body). */
    record Outcome(String requestId, byte[] response, String errorType, String errorBody) {
        boolean failed() {
            return errorType != null;
        }

        String text() {
            return response == null ? errorType + ": " + errorBody : new String(response, StandardCharsets.UTF_8);
        }
    }

    /** A call the runtime made, in order: "next", "response", "error", "init/error", "restore/next", ... */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CompletableFuture<Long> restoreNextAt = new CompletableFuture<>();
    final CompletableFuture<Long> firstNextAt = new CompletableFuture<>();
    final CompletableFuture<String> initError = new CompletableFuture<>();
    final CompletableFuture<String> restoreError = new CompletableFuture<>();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    /** An event waiting for the runtime's "next", with the time the invocation will have left. */
    private record Pending(String id, String event, Duration remaining) {
    }

    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final String functionArn;
    private final int timeoutSeconds;

    RuntimeApi(String functionArn, int timeoutSeconds) throws IOException {
        this.functionArn = functionArn;
        this.timeoutSeconds = timeoutSeconds;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event for the runtime's next "next" call; the future completes with its outcome. */
    CompletableFuture<Outcome> invoke(String event) {
        return invoke(event, Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * As {@link #invoke(String)}, with the deadline Lambda would give an invocation that has only
     * {@code remaining} left (Lambda-Runtime-Deadline-Ms, from which the runtime's
     * Context.getRemainingTimeInMillis() counts down).
     */
    CompletableFuture<Outcome> invoke(String event, Duration remaining) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Outcome> f = new CompletableFuture<>();
        outcomes.put(id, f);
        pending.add(new Pending(id, event, remaining));
        return f;
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
        byte[] body = x.getRequestBody().readAllBytes();
        try {
            if (path.equals("invocation/next") && "GET".equals(x.getRequestMethod())) {
                calls.add("next");
                firstNextAt.complete(System.nanoTime());
                Pending next;
                do {
                    next = pending.poll(1, TimeUnit.SECONDS);
                } while (next == null && !executor.isShutdown());
                if (next == null) {
                    reply(x, 500, "{}");
                    return;
                }
                x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
                x.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + next.remaining().toMillis()));
                x.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn + ":live");
                x.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
                reply(x, 200, next.event());
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                String id = path.substring("invocation/".length(), path.length() - "/response".length());
                calls.add("response");
                complete(id, new Outcome(id, body, null, null));
                reply(x, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                String id = path.substring("invocation/".length(), path.length() - "/error".length());
                calls.add("error");
                complete(id, new Outcome(id, null, x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"),
                        new String(body, StandardCharsets.UTF_8)));
                reply(x, 202, "{\"status\":\"OK\"}");
            } else if (path.equals("init/error")) {
                calls.add("init/error");
                initError.complete(x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + ": "
                        + new String(body, StandardCharsets.UTF_8));
                reply(x, 202, "{\"status\":\"OK\"}");
            } else if (path.equals("restore/next") && "GET".equals(x.getRequestMethod())) {
                calls.add("restore/next");
                restoreNextAt.complete(System.nanoTime());
                reply(x, 200, "");
            } else if (path.equals("restore/error")) {
                calls.add("restore/error");
                restoreError.complete(x.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type") + ": "
                        + new String(body, StandardCharsets.UTF_8));
                reply(x, 202, "{\"status\":\"OK\"}");
            } else {
                calls.add("unknown " + x.getRequestMethod() + " " + path);
                reply(x, 404, "{\"errorType\":\"NotFound\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(x, 500, "{}");
        }
    }

    private void complete(String id, Outcome outcome) {
        CompletableFuture<Outcome> f = outcomes.remove(id);
        if (f == null) {
            calls.add("unexpected request id " + id);
        } else {
            f.complete(outcome);
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        server.stop(0);
        executor.shutdownNow();
    }
}
