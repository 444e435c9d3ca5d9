package org.conflictledger.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.conflictledger.domain.imports.Gazetteer;
import org.conflictledger.domain.imports.ImportContext;
import org.conflictledger.domain.imports.ImportFormat;
import org.conflictledger.domain.imports.ImportReader;
import org.conflictledger.domain.imports.ImportRow;

/**
 * The import benchmark inside the import function's own JVM (docs/performance.md, "Imports"): the
 * handler of infra/template.yaml ({@code ImportEntry::handleRequest}) with the template's
 * environment, a 900 s deadline per invocation as the template gives it, and hand-overs that go
 * where they go in AWS, to the Lambda Invoke API; here a stand-in that records the payload, which
 * the driver then delivers as the next invocation, as Lambda would.
 */
final class ImportDriver {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_MILLIS = 900_000;

    private final Map<String, String> args;
    private final Object entry;
    private final Method handle;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<byte[]> handedOver = new LinkedBlockingQueue<>();

    private ImportDriver(Map<String, String> args) throws Exception {
        this.args = args;
        Class<?> type = Class.forName(args.get("handler"), true, Thread.currentThread().getContextClassLoader());
        entry = type.getConstructor().newInstance();
        handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
    }

    static ObjectNode run(Map<String, String> args) throws Exception {
        return new ImportDriver(args).go();
    }

    private ObjectNode go() throws Exception {
        HttpServer lambda = lambdaStandIn(Integer.parseInt(args.get("lambdaPort")));
        try {
            ObjectNode out = MAPPER.createObjectNode();
            out.set("reader", readerOnly(Path.of(args.get("file1"))));
            placesPut();
            int rows = Integer.parseInt(args.get("rows"));
            // In this order: "unchanged" and "changed" import over what "new" created.
            for (String name : args.get("phases").split(",")) {
                out.set(name, phase(name, Path.of(args.get(name.equals("changed") ? "file2" : "file1")), rows));
                // Into the run's log as it happens: a long run stopped early still tells what it measured.
                System.out.println("import phase " + name + ": " + out.get(name));
                System.out.flush();
            }
            Driver.memory(out);
            return out;
        } finally {
            lambda.stop(0);
        }
    }

    /** The file through the reader alone (parse, map, validate; no storage): the function's ceiling. */
    private ObjectNode readerOnly(Path file) throws Exception {
        Gazetteer g;
        try (InputStream in = Files.newInputStream(Path.of(args.get("gazetteer")))) {
            g = Gazetteer.parse("SYR", in);
        }
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long rows = 0;
        long rejected = 0;
        try (ImportReader r = ImportReader.open(ImportFormat.ACLED, Files.newInputStream(file),
                new ImportContext(null, g, null))) {
            while (r.hasNext()) {
                ImportRow row = r.next();
                rows++;
                rejected += row.rejected() ? 1 : 0;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rows", rows);
        o.put("rejected", rejected);
        o.put("seconds", s);
        o.put("rowsPerSecond", rows / s);
        o.put("cpuMsPer1000Rows", (cpuNanos() - cpu0) / 1e6 / rows * 1000);
        return o;
    }

    private void placesPut() throws Exception {
        String event = Events.http("PUT", "/v1/places/SYR", "", Files.readString(Path.of(args.get("gazetteer"))),
                "bench-editor", "editor", "text/csv");
        JsonNode reply = invoke(event.getBytes(StandardCharsets.UTF_8));
        expect(reply, 200, "PUT /v1/places/SYR");
    }

    /** One whole import: POST /v1/imports, PUT to the upload URL, the S3 event, hand-overs, GET. */
    private ObjectNode phase(String name, Path file, int rows) throws Exception {
        JsonNode posted = invoke(Events.http("POST", "/v1/imports", "",
                "{\"format\":\"acled\",\"filename\":\"" + file.getFileName() + "\"}", "bench-importer", "reporter")
                .getBytes(StandardCharsets.UTF_8));
        expect(posted, 201, "POST /v1/imports");
        JsonNode body = MAPPER.readTree(posted.get("body").asText());
        String id = body.get("id").asText();
        // The client's upload, straight to S3 with the presigned URL (not the function's work).
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(body.get("uploadUrl").asText()))
                .header("content-type", "text/csv").PUT(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("upload: " + put.statusCode() + " " + put.body());
        }
        Map<String, Long> before = Counting.byOperation();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        JsonNode reply = invoke(s3Event(id, Files.size(file)));
        int invocations = 1;
        while ("HANDED_OFF".equals(result(reply))) {
            byte[] next = handedOver.poll(60, TimeUnit.SECONDS);
            if (next == null) {
                throw new IllegalStateException(name + ": handed over, but nothing reached the Lambda Invoke API");
            }
            reply = invoke(next);
            invocations++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        Map<String, Long> ops = diff(before, Counting.byOperation());
        if (!"DONE".equals(result(reply))) {
            throw new IllegalStateException(name + ": the import ended " + reply);
        }
        JsonNode got = invoke(Events.http("GET", "/v1/imports/" + id, "", null, "bench-importer", "reporter")
                .getBytes(StandardCharsets.UTF_8));
        expect(got, 200, "GET /v1/imports/" + id);
        JsonNode job = MAPPER.readTree(got.get("body").asText());
        long changed = Long.parseLong(args.get("changed"));
        long created = name.equals("new") ? rows : 0;
        long corrected = name.equals("changed") ? changed : 0;
        long unchanged = rows - created - corrected;
        if (job.get("rows").asLong() != rows || job.get("created").asLong() != created
                || job.get("corrected").asLong() != corrected || job.get("unchanged").asLong() != unchanged) {
            throw new IllegalStateException(name + ": expected " + rows + " rows, " + created + " created, "
                    + corrected + " corrected, " + unchanged + " unchanged; got " + job);
        }
        long dynamo = ops.entrySet().stream().filter(e -> e.getKey().startsWith("dynamodb:"))
                .mapToLong(Map.Entry::getValue).sum();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rows", rows);
        o.put("seconds", seconds);
        o.put("rowsPerSecond", rows / seconds);
        o.put("cpuMsPer1000Rows", cpu / 1e6 / rows * 1000);
        o.put("invocations", invocations);
        o.put("dynamoRequests", dynamo);
        o.put("dynamoRequestsPerRow", (double) dynamo / rows);
        o.putPOJO("ops", ops);
        o.set("import", job.deepCopy());
        ((ObjectNode) o.get("import")).remove("errors");
        return o;
    }

    private byte[] s3Event(String id, long size) {
        ObjectNode e = MAPPER.createObjectNode();
        ObjectNode r = e.putArray("Records").addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", "us-east-1");
        r.put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = r.putObject("s3");
        s3.putObject("bucket").put("name", args.get("bucket")).put("arn", "arn:aws:s3:::" + args.get("bucket"));
        s3.putObject("object").put("key", "uploads/" + id + ".csv").put("size", size);
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String result(JsonNode reply) {
        return reply.has("imports") ? reply.path("imports").path(0).path("result").asText()
                : reply.path("result").asText();
    }

    private JsonNode invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handle.invoke(entry, new ByteArrayInputStream(event), out, new BenchContext(TIMEOUT_MILLIS));
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
        return MAPPER.readTree(out.toByteArray());
    }

    private static void expect(JsonNode reply, int status, String what) {
        if (reply.path("statusCode").asInt() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + reply);
        }
    }

    /** The Lambda Invoke API as far as the hand-over uses it: takes an Event invocation, answers 202. */
    private HttpServer lambdaStandIn(int port) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/", x -> {
            byte[] payload = x.getRequestBody().readAllBytes();
            boolean event = "Event".equals(x.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
            if (event && x.getRequestURI().getPath().endsWith("/invocations")) {
                handedOver.add(payload);
                x.sendResponseHeaders(202, -1);
            } else {
                x.sendResponseHeaders(400, -1);
            }
            x.close();
        });
        s.start();
        return s;
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
