package org.conflictledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.arc.Arc;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.Keys;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Runs inside a fresh JVM whose classpath is an unzipped function.zip (as the Lambda Java runtime
 * loads it) plus the harness jar. Drives io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler with
 * raw event bytes and prints one line "BENCH-RESULT {json}".
 * Modes: overhead (handler vs bare SDK, interleaved), cold (init + first invocation), scale
 * (aggregation rebuild and incremental runs through the handler), import ({@link ImportDriver}).
 */
public final class Driver {

    /**
     * Not core's mapper: the empty function has no core on its classpath. Made on first use, after
     * the cold-start clock stops, so that the harness's own Jackson start is nobody's init time.
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Map<String, String> args;
    private QuarkusStreamHandler handler;

    private Driver(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : argv) {
            int i = s.indexOf('=');
            a.put(i < 0 ? s : s.substring(0, i), i < 0 ? "true" : s.substring(i + 1));
        }
        Driver d = new Driver(a);
        ObjectNode out;
        try {
            out = switch (a.get("mode")) {
                case "cold" -> d.cold();
                case "overhead" -> d.overhead();
                case "scale" -> d.scale();
                case "import" -> ImportDriver.run(a);
                default -> throw new IllegalArgumentException("mode");
            };
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.flush();
            Runtime.getRuntime().halt(1); // Quarkus' threads would keep the JVM alive
            return;
        }
        System.out.println("BENCH-RESULT " + out);
        System.out.flush();
        if (System.getProperty("bench.exit") != null) {
            System.exit(0); // runs shutdown hooks (a JFR recording is written then)
        }
        Runtime.getRuntime().halt(0);
    }

    // ---- cold start -------------------------------------------------------------------------

    private ObjectNode cold() throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        handler = new QuarkusStreamHandler();
        long initAt = System.currentTimeMillis();
        double primeMs = 0;
        Object primed = null;
        if (Boolean.parseBoolean(args.getOrDefault("prime", "false"))) {
            long p0 = System.nanoTime();
            primed = prime(args.get("priming"));
            primeMs = (System.nanoTime() - p0) / 1e6;
        }
        byte[] event = Files.readAllBytes(Path.of(args.get("event")));
        long f0 = System.nanoTime();
        byte[] firstReply = call(event, 900_000);
        double firstMs = (System.nanoTime() - f0) / 1e6;
        byte[] event2 = Files.readAllBytes(Path.of(args.getOrDefault("event2", args.get("event"))));
        long s0 = System.nanoTime();
        call(event2, 900_000);
        double secondMs = (System.nanoTime() - s0) / 1e6;
        JsonNode reply = Mapper.MAPPER.readTree(firstReply);
        ObjectNode o = Mapper.MAPPER.createObjectNode();
        o.put("jvmToMainMs", mainAt - jvmStart);
        o.put("initMs", initAt - jvmStart);
        o.put("firstMs", firstMs);
        o.put("coldMs", initAt - jvmStart + firstMs);
        o.put("secondMs", secondMs);
        o.put("primeMs", primeMs);
        o.put("primed", String.valueOf(primed));
        o.put("status", reply.has("statusCode") ? reply.get("statusCode").asText() : reply.path("status").asText());
        return o;
    }

    /** What the Lambda runtime does before a SnapStart snapshot: run the registered CRaC hook. */
    private static Object prime(String className) throws Exception {
        Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        Object bean = Arc.container().instance(type).get();
        for (Method m : type.getMethods()) {
            if (m.getName().equals("beforeCheckpoint") && m.getParameterCount() == 1) {
                m.invoke(bean, (Object) null);
            }
        }
        return type.getMethod("done").invoke(bean);
    }

    /** One invocation as the runtime makes it: event bytes in, response bytes out. */
    private byte[] call(byte[] event, long timeoutMillis) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext(timeoutMillis));
        return out.toByteArray();
    }

    private JsonNode invoke(byte[] event, long timeoutMillis) throws Exception {
        return Mapper.MAPPER.readTree(call(event, timeoutMillis));
    }

    // ---- handler overhead -------------------------------------------------------------------

    private record Route(String name, Supplier<String> event, int expect) {
    }

    private ObjectNode overhead() throws Exception {
        handler = new QuarkusStreamHandler();
        boolean floor = args.get("fn").equals("floor");
        DynamoDbClient bare = floor ? FloorClient.create() : Dynamo.client(List.of());
        int n = Integer.parseInt(args.getOrDefault("n", "300"));
        int warm = Integer.parseInt(args.getOrDefault("warm", "100"));
        String window = "from=2024-03-01&to=2024-03-31";
        List<Route> routes = new ArrayList<>();
        if (args.get("fn").equals("submit")) {
            Data data = new Data(7);
            int[] i = {0};
            routes.add(new Route("submit", () -> Events.http("POST", "/v1/reports", "",
                    data.body("overhead-" + System.nanoTime() + "-" + i[0]++), "bench-reporter", "reporter"), 201));
        } else if (args.get("fn").equals("floor")) {
            routes.add(new Route("floor", () -> Events.http("GET", "/v1/floor/" + args.get("id"), "", null, null, null),
                    200));
        } else {
            String id = args.get("id");
            routes.add(new Route("get", () -> Events.http("GET", "/v1/reports/" + id, "", null, null, null), 200));
            routes.add(new Route("search", () -> Events.http("GET", "/v1/reports",
                    "country=SYR&admin1=SY02&" + window, null, null, null), 200));
            if (Boolean.parseBoolean(args.getOrDefault("figures", "false"))) {
                routes.add(new Route("figures", () -> Events.http("GET", "/v1/figures",
                        "country=SYR&admin1=SY02&" + window, null, null, null), 200));
            }
        }
        // The framework's fixed cost: a route that exists nowhere, answered 404 without DynamoDB.
        routes.add(new Route("noop", () -> Events.http("GET", "/v1/bench-no-such-route", "", null, null, null), 404));
        ObjectNode out = Mapper.MAPPER.createObjectNode();
        for (Route r : routes) {
            List<Long> h = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            List<Long> pre = new ArrayList<>();
            List<Long> sdk = new ArrayList<>();
            List<Long> post = new ArrayList<>();
            List<String> ops = null;
            for (int i = 0; i < warm + n; i++) {
                byte[] event = r.event().get().getBytes(StandardCharsets.UTF_8);
                boolean handlerFirst = i % 2 == 0;
                List<SdkRequest> sent = null;
                long hn = 0;
                long bn = 0;
                long[] split;
                if (handlerFirst) {
                    Counting.capture();
                    long t0 = System.nanoTime();
                    byte[] answer = call(event, 30_000);
                    long t1 = System.nanoTime();
                    JsonNode reply = Mapper.MAPPER.readTree(answer);
                    hn = t1 - t0;
                    split = split(t0, t1);
                    sent = Counting.captured();
                    check(r, reply);
                    bn = replay(bare, r.name().equals("submit") ? rekey(sent) : sent);
                } else {
                    // The bare side replays what the previous invocation of this route sent.
                    List<SdkRequest> last = lastSent.get(r.name());
                    if (last != null) {
                        bn = replay(bare, r.name().equals("submit") ? rekey(last) : last);
                    }
                    Counting.capture();
                    long t0 = System.nanoTime();
                    byte[] answer = call(event, 30_000);
                    long t1 = System.nanoTime();
                    JsonNode reply = Mapper.MAPPER.readTree(answer);
                    hn = t1 - t0;
                    split = split(t0, t1);
                    sent = Counting.captured();
                    check(r, reply);
                    if (last == null) {
                        bn = replay(bare, r.name().equals("submit") ? rekey(sent) : sent);
                    }
                }
                lastSent.put(r.name(), sent);
                if (i >= warm) {
                    pre.add(split[0]);
                    sdk.add(split[1]);
                    post.add(split[2]);
                    h.add(hn);
                    b.add(bn);
                    counts.add(sent.size());
                    if (ops == null) {
                        ops = sent.stream().map(s -> s.getClass().getSimpleName().replace("Request", "")).toList();
                    }
                }
            }
            ObjectNode o = out.putObject(r.name());
            o.put("handlerP50", Stats.pct(h, 50));
            o.put("handlerP99", Stats.pct(h, 99));
            o.put("bareP50", Stats.pct(b, 50));
            o.put("bareP99", Stats.pct(b, 99));
            o.put("p50Ratio", Stats.pct(h, 50) / Stats.pct(b, 50));
            o.put("p99Ratio", Stats.pct(h, 99) / Stats.pct(b, 99));
            // Where the handler's time goes: before its first SDK call, inside the SDK calls, after the last one.
            o.put("handlerPreSdkP50", Stats.pct(pre, 50));
            o.put("handlerSdkP50", Stats.pct(sdk, 50));
            o.put("handlerPostSdkP50", Stats.pct(post, 50));
            o.put("requests", counts.stream().sorted().toList().get(counts.size() / 2));
            o.put("requestsMax", counts.stream().mapToInt(Integer::intValue).max().orElse(0));
            o.putPOJO("ops", ops);
            o.put("n", n);
        }
        memory(out);
        return out;
    }

    private final Map<String, List<SdkRequest>> lastSent = new HashMap<>();


    /** [before the first SDK call, inside the SDK calls, after the last one] of one invocation, in ns. */
    private static long[] split(long t0, long t1) {
        long first = Counting.firstStart();
        long last = Counting.lastEnd();
        if (first == 0 || last == 0) {
            return new long[] {t1 - t0, 0, 0};
        }
        return new long[] {first - t0, last - first, t1 - last};
    }

    private static void check(Route r, JsonNode reply) {
        int status = reply.path("statusCode").asInt();
        if (status != r.expect()) {
            throw new IllegalStateException(r.name() + ": expected " + r.expect() + ", got " + reply);
        }
    }

    /** The same requests sent with the bare SDK client; returns nanoseconds. */
    private static long replay(DynamoDbClient db, List<SdkRequest> requests) {
        long t0 = System.nanoTime();
        for (SdkRequest r : requests) {
            if (r instanceof GetItemRequest g) {
                db.getItem(g);
            } else if (r instanceof QueryRequest q) {
                db.query(q);
            } else if (r instanceof TransactWriteItemsRequest t) {
                db.transactWriteItems(t);
            } else if (r instanceof PutItemRequest p) {
                db.putItem(p);
            } else if (r instanceof UpdateItemRequest u) {
                db.updateItem(u);
            } else if (r instanceof DeleteItemRequest d) {
                db.deleteItem(d);
            } else if (r instanceof BatchGetItemRequest bg) {
                db.batchGetItem(bg);
            } else {
                throw new IllegalStateException("no replay for " + r.getClass());
            }
        }
        return System.nanoTime() - t0;
    }

    /** A create replayed as a new report: same items, a new id, idempotency key and request token. */
    private static List<SdkRequest> rekey(List<SdkRequest> sent) {
        List<SdkRequest> out = new ArrayList<>();
        for (SdkRequest r : sent) {
            if (!(r instanceof TransactWriteItemsRequest t)) {
                out.add(r);
                continue;
            }
            String oldId = t.transactItems().get(0).put().item().get("pk").s().substring(2);
            String newId = UlidCreator.getMonotonicUlid().toString();
            String idem = "I#" + Keys.sha256(newId);
            List<TransactWriteItem> items = new ArrayList<>();
            for (TransactWriteItem i : t.transactItems()) {
                TransactWriteItem.Builder b = i.toBuilder();
                if (i.put() != null) {
                    b.put(i.put().toBuilder().item(swap(i.put().item(), oldId, newId, idem)).build());
                }
                if (i.update() != null) {
                    b.update(i.update().toBuilder().key(swap(i.update().key(), oldId, newId, idem)).build());
                }
                if (i.delete() != null) {
                    b.delete(i.delete().toBuilder().key(swap(i.delete().key(), oldId, newId, idem)).build());
                }
                items.add(b.build());
            }
            out.add(t.toBuilder().transactItems(items).clientRequestToken(UUID.randomUUID().toString()).build());
        }
        return out;
    }

    private static Map<String, AttributeValue> swap(Map<String, AttributeValue> item, String oldId, String newId,
                                                    String idem) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (v.s() != null && v.s().startsWith("I#")) {
                out.put(k, AttributeValue.fromS(idem));
            } else if (v.s() != null && v.s().contains(oldId)) {
                out.put(k, AttributeValue.fromS(v.s().replace(oldId, newId)));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    static void memory(ObjectNode out) throws Exception {
        ObjectNode m = out.putObject("memory");
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                String[] parts = line.split("\\s+");
                m.put(parts[0].replace(":", ""), Long.parseLong(parts[1]) / 1024.0);
            }
        }
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    // ---- aggregation scaling ----------------------------------------------------------------

    private ObjectNode scale() throws Exception {
        handler = new QuarkusStreamHandler();
        int size = Integer.parseInt(args.get("size"));
        int fresh = Integer.parseInt(args.getOrDefault("new", "10"));
        ObjectNode out = Mapper.MAPPER.createObjectNode();
        out.put("size", size);
        // The seeded table is what submit leaves: a marker per country-day, no figures yet. The first
        // scheduled run aggregates all of it; a rebuild then re-marks and recomputes the whole year.
        out.set("initial", run("{}"));
        out.set("rebuild", run("{\"mode\": \"rebuild\", \"from\": \"" + Data.FROM + "\", \"to\": \"" + Data.TO + "\"}"));
        need(fresh, "k");
        ObjectNode k = run("{}");
        k.put("newReports", fresh);
        out.set("incremental", k);
        int pct = Math.max(fresh, size / 100);
        if (pct > fresh) {
            need(pct - fresh, "p");
            ObjectNode p = run("{}");
            p.put("newReports", pct - fresh);
            out.set("incrementalOnePercent", p);
        } else {
            out.set("incrementalOnePercent", k);
        }
        memory(out);
        return out;
    }

    /**
     * New reports between runs come from the harness's own JVM (asked for on stdout, confirmed on
     * stdin), so that this JVM's memory and threads are the function's alone.
     */
    private static void need(int count, String tag) throws Exception {
        System.out.println("BENCH-NEED " + count + " " + tag);
        System.out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .readLine();
        if (!"ok".equals(answer)) {
            throw new IllegalStateException("the harness did not add the new reports: " + answer);
        }
    }

    /** One aggregation through the handler, repeated while it reports a backlog (as the schedule would). */
    private ObjectNode run(String event) throws Exception {
        long requests = 0;
        long markerQueries = 0;
        long registrations = 0;
        long partitions = 0;
        long reportsRead = 0;
        int invocations = 0;
        Map<String, Long> ops = new TreeMap<>();
        long t0 = System.nanoTime();
        boolean backlog;
        do {
            Counting.capture();
            JsonNode reply = invoke(event.getBytes(StandardCharsets.UTF_8), 900_000);
            List<SdkRequest> sent = Counting.captured();
            invocations++;
            if (!"ok".equals(reply.path("status").asText())) {
                throw new IllegalStateException("aggregation failed: " + reply);
            }
            requests += sent.size();
            for (SdkRequest r : sent) {
                ops.merge(r.getClass().getSimpleName().replace("Request", ""), 1L, Long::sum);
                if (r instanceof QueryRequest q && q.expressionAttributeValues().containsKey(":pk")
                        && Keys.MARKERS.equals(q.expressionAttributeValues().get(":pk").s())) {
                    markerQueries++;
                }
                if (r instanceof PutItemRequest p && "COUNTRIES".equals(p.item().get("pk").s())) {
                    registrations++;
                }
            }
            partitions += reply.path("partitionsRecomputed").asLong();
            reportsRead += reply.path("reportsRead").asLong();
            backlog = reply.path("backlogLeft").asBoolean();
            event = "{}";
        } while (backlog);
        ObjectNode o = Mapper.MAPPER.createObjectNode();
        o.put("ms", (System.nanoTime() - t0) / 1e6);
        o.put("requests", requests);
        o.put("partitions", partitions);
        o.put("reportsRead", reportsRead);
        o.put("invocations", invocations);
        o.put("markerQueries", markerQueries);
        o.put("countryRegistrations", registrations);
        o.put("requestsPerPartition", partitions == 0 ? 0 : (double) (requests - markerQueries - registrations) / partitions);
        o.putPOJO("ops", ops);
        return o;
    }
}
