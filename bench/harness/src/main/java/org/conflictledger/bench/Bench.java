package org.conflictledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.conflictledger.aggregate.Aggregator;
import org.conflictledger.domain.json.Json;
import org.conflictledger.store.AggregationStore;
import org.conflictledger.store.Dynamo;
import org.conflictledger.store.ReportStore;
import org.conflictledger.store.TableSetup;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * `make bench`: starts moto_server, seeds, runs each packaged function in fresh JVMs through
 * {@link Driver}, and writes bench/results/latest.json and the results table of docs/performance.md.
 * Run from the repository root. Sizes and counts come from environment variables (see README of
 * docs/performance.md): BENCH_ITERATIONS, BENCH_WARMUP, BENCH_COLD_RUNS, BENCH_FIXTURE,
 * BENCH_SIZES, BENCH_NEW_REPORTS, BENCH_JVM_OPTS, BENCH_SEED_THREADS, BENCH_IMPORT_ROWS,
 * BENCH_IMPORT_PHASES (new,unchanged,changed),
 * BENCH_PHASES (cold,overhead,scaling,import).
 */
public final class Bench {

    private static final List<String> FUNCTIONS = List.of("submit", "lookup", "aggregate", "import");
    /**
     * Reference functions, packaged like ours: {@code empty} (quarkus-amazon-lambda, a handler
     * returning a constant: the baseline), {@code emptyhttp} (quarkus-amazon-lambda-http +
     * RESTEasy Reactive, one constant route: the stack submit and lookup must run on) and
     * {@code floor} (that stack plus the same SDK client, one route doing only a GetItem).
     */
    private static final List<String> BASELINES = List.of("empty", "emptyhttp", "floor");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path work = root.resolve("bench/target/run");
    private final Path logs = work.resolve("logs");
    private final Map<String, String> classpath = new HashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final List<String> jvmOpts = Arrays.asList(env("BENCH_JVM_OPTS",
            "-XX:MaxRAM=1024m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+"));
    private final ArrayNode metrics = Json.mapper().createArrayNode();
    private final ObjectNode raw = Json.mapper().createObjectNode();
    private int spawned;

    public static void main(String[] args) throws Exception {
        new Bench().run();
    }

    /**
     * On Lambda the function and DynamoDB never share a CPU. Here they would: moto (Python, about
     * one core busy while it answers) and the function's JVM compete for the machine's 2 cores, and
     * every wait for a core lands in the handler's time. So moto runs on CPU 0 and the function's
     * JVM on CPU 1 (BENCH_PIN=false turns this off; it is off on machines with fewer than 2 CPUs
     * or without taskset).
     */
    private static final String MOTO_CPU = "0";
    private static final String FUNCTION_CPU = "1";

    private static List<String> pinned(String cpu, String... command) {
        List<String> cmd = new ArrayList<>();
        if (pinning()) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    static boolean pinning() {
        return Boolean.parseBoolean(env("BENCH_PIN", "true")) && Runtime.getRuntime().availableProcessors() >= 2
                && Arrays.stream(env("PATH", "").split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "taskset")));
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static int envInt(String name, int dflt) {
        return Integer.parseInt(env(name, Integer.toString(dflt)));
    }

    private void log(String fmt, Object... a) {
        System.out.printf(Locale.ROOT, "[bench] " + fmt + "%n", a);
        System.out.flush();
    }

    private void run() throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(logs);
        for (String fn : FUNCTIONS) {
            unpack(fn, root.resolve("functions/" + fn + "/target/function.zip"));
        }
        unpack("empty", root.resolve("bench/empty-function/target/function.zip"));
        unpack("emptyhttp", root.resolve("bench/empty-http-function/target/function.zip"));
        unpack("floor", root.resolve("bench/floor-function/target/function.zip"));
        try (Moto moto = Moto.start(pinned(MOTO_CPU, "python3", root.resolve("bench/moto/fast_moto.py").toString()),
                logs.resolve("moto.log"));
             DynamoDbClient db = Dynamo.client(useMoto(moto.endpoint))) {
            log("moto_server (partition-indexed Query, per-item transaction rollback) at %s", moto.endpoint);
            String table = "bench";
            TableSetup.ensure(db, table);
            int fixture = envInt("BENCH_FIXTURE", 1000);
            long t0 = System.nanoTime();
            List<String> ids = Seeder.seed(db, table, fixture, 1, envInt("BENCH_SEED_THREADS", 4));
            new Aggregator(new AggregationStore(db, table), Clock.systemUTC())
                    .rebuild(Data.FROM, Data.TO, Instant.now().plus(Duration.ofMinutes(10)));
            log("fixture: %d reports seeded and aggregated in %.1f s", fixture, (System.nanoTime() - t0) / 1e9);
            Map<String, String> env = Map.of("LEDGER_TABLE", table, "AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint);
            List<String> phases = List.of(env("BENCH_PHASES", "cold,overhead,scaling,import").split(","));
            if (phases.contains("cold")) {
                coldStarts(env, ids.get(0));
            }
            if (phases.contains("overhead")) {
                overhead(env, ids.get(0));
            }
            if (phases.contains("scaling")) {
                scaling(db, moto.endpoint);
            }
            if (phases.contains("import")) {
                imports(db, moto.endpoint);
            }
        }
        raw.put("durationSeconds", Duration.between(started, Instant.now()).toSeconds());
        write(started);
    }

    // ---- functions --------------------------------------------------------------------------

    private void unpack(String fn, Path zip) throws Exception {
        if (!Files.exists(zip)) {
            missing.put(fn, root.relativize(zip) + " is missing (module not on this branch or not built)");
            log("missing: %s", missing.get(fn));
            return;
        }
        Path dir = work.resolve("fn/" + fn);
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var e : Collections.list(z.entries())) {
                Path to = dir.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (var in = z.getInputStream(e)) {
                        Files.copy(in, to);
                    }
                }
            }
        }
        // As the Lambda Java runtime does: the zip's root, then every jar in lib/.
        List<String> cp = new ArrayList<>();
        cp.add(dir.toString());
        try (Stream<Path> s = Files.list(dir.resolve("lib"))) {
            s.sorted().forEach(p -> cp.add(p.toString()));
        }
        cp.add(root.resolve("bench/harness/target/harness.jar").toString());
        classpath.put(fn, String.join(File.pathSeparator, cp));
    }

    private boolean has(String fn) {
        return classpath.containsKey(fn);
    }

    private boolean hasClass(String fn, String resource) {
        return Files.exists(work.resolve("fn/" + fn + "/" + resource)) || jarHas(fn, resource);
    }

    private boolean jarHas(String fn, String resource) {
        for (String p : classpath.get(fn).split(File.pathSeparator)) {
            if (p.endsWith(".jar") && p.contains("lib")) {
                try (ZipFile z = new ZipFile(p)) {
                    if (z.getEntry(resource) != null) {
                        return true;
                    }
                } catch (Exception e) {
                    // not a zip
                }
            }
        }
        return false;
    }

    /**
     * The AWS SDK's standard settings for the harness's own clients (the system-property twins of
     * what the function JVMs get in their environment); returns no interceptors.
     */
    private static List<ExecutionInterceptor> useMoto(String endpoint) {
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.endpointUrlDynamoDb", endpoint);
        return List.of();
    }

    /** A fresh JVM on the function's own classpath running the driver; returns its result. */
    private JsonNode spawn(String fn, String label, Map<String, String> env, String... args) throws Exception {
        return spawn(fn, label, env, null, args);
    }

    /** As above; {@code onNeed} answers the driver's "BENCH-NEED count tag" requests (scale mode). */
    private JsonNode spawn(String fn, String label, Map<String, String> env,
                           BiConsumer<Integer, String> onNeed, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(pinned(FUNCTION_CPU));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        cmd.add("-cp");
        cmd.add(classpath.get(fn));
        cmd.add(Driver.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().put("AWS_ACCESS_KEY_ID", "bench");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
        pb.environment().put("LEDGER_CURSOR_KEY", "bench-cursor-key-not-a-secret");
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        Path logFile = logs.resolve(String.format(Locale.ROOT, "%03d-%s.log", ++spawned, label));
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(logFile))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("BENCH-RESULT ")) {
                    result = line.substring("BENCH-RESULT ".length());
                } else if (line.startsWith("BENCH-NEED ") && onNeed != null) {
                    String[] need = line.split(" ");
                    onNeed.accept(Integer.parseInt(need[1]), need[2]);
                    p.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
                    p.getOutputStream().flush();
                } else {
                    w.println(line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || result == null) {
            p.destroy();
            throw new IllegalStateException(label + " produced no result; see " + logFile);
        }
        return Json.mapper().readTree(result);
    }

    // ---- 4. cold start and priming ----------------------------------------------------------

    private void coldStarts(Map<String, String> env, String id) throws Exception {
        Path events = work.resolve("events");
        Files.createDirectories(events);
        Data data = new Data(99);
        int runs = envInt("BENCH_COLD_RUNS", 3);
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Map<String, List<Double>> first = new LinkedHashMap<>();
        Map<String, List<Double>> firstPrimed = new LinkedHashMap<>();
        Map<String, JsonNode> primedWhat = new HashMap<>();
        Files.writeString(events.resolve("empty.json"), "{}");
        Files.writeString(events.resolve("lookup.json"), Events.http("GET", "/v1/reports/" + id, "", null, null, null));
        Files.writeString(events.resolve("emptyhttp.json"), Events.http("GET", "/v1/ping", "", null, null, null));
        Files.writeString(events.resolve("floor.json"), Events.http("GET", "/v1/floor/" + id, "", null, null, null));
        Files.writeString(events.resolve("aggregate.json"),
                Files.readString(root.resolve("events/aggregate/scheduled.ok.json")));
        for (int round = 0; round < runs; round++) {
            for (String fn : List.of("submit", "aggregate", "lookup", "empty", "emptyhttp", "floor")) {
                if (!has(fn)) {
                    continue;
                }
                for (boolean prime : BASELINES.contains(fn) ? new boolean[] {false} : new boolean[] {false, true}) {
                    // One priming class for every function (functions/lambda), primed with the function's own event.
                    String priming = "org.conflictledger.lambda.Priming";
                    if (prime && !hasClass(fn, priming.replace('.', '/') + ".class")) {
                        missing.putIfAbsent("priming." + fn, fn + " has no " + priming + " on this branch");
                        continue;
                    }
                    Path event = events.resolve(fn + ".json");
                    if (fn.equals("submit")) {
                        Files.writeString(event, Events.http("POST", "/v1/reports", "",
                                data.body("cold-" + round + "-" + prime), "bench-reporter", "reporter"));
                        Files.writeString(events.resolve("submit2.json"), Events.http("POST", "/v1/reports", "",
                                data.body("cold2-" + round + "-" + prime), "bench-reporter", "reporter"));
                    }
                    JsonNode r = spawn(fn, "cold-" + fn + (prime ? "-primed" : ""), env, "mode=cold", "prime=" + prime,
                            "priming=" + priming, "event=" + event,
                            "event2=" + (fn.equals("submit") ? events.resolve("submit2.json") : event));
                    log("cold %-9s %-8s init %5d ms, first %7.1f ms, total %7.1f ms (status %s)", fn,
                            prime ? "primed" : "", r.get("initMs").asLong(), r.get("firstMs").asDouble(),
                            r.get("coldMs").asDouble(), r.get("status").asText());
                    if (prime) {
                        firstPrimed.computeIfAbsent(fn, k -> new ArrayList<>()).add(r.get("firstMs").asDouble());
                        primedWhat.put(fn, r);
                    } else {
                        cold.computeIfAbsent(fn, k -> new ArrayList<>()).add(r.get("coldMs").asDouble());
                        first.computeIfAbsent(fn, k -> new ArrayList<>()).add(r.get("firstMs").asDouble());
                    }
                    raw.withArray("coldRuns").add(((ObjectNode) r).put("fn", fn).put("prime", prime));
                }
            }
        }
        double empty = Stats.median(cold.getOrDefault("empty", List.of()));
        metric("coldstart.empty.ms", empty, null, "lower", "ms");
        for (String base : List.of("emptyhttp", "floor")) {
            if (cold.containsKey(base)) {
                double b = Stats.median(cold.get(base));
                String name = base.equals("floor") ? "floor" : "empty_http";
                metric("coldstart." + name + ".ms", b, null, "lower", "ms");
                metric("coldstart." + name + ".ratio", b / empty, null, "lower", "ratio");
            }
        }
        for (String fn : FUNCTIONS) {
            if (!cold.containsKey(fn)) {
                missingMetric("coldstart." + fn + ".ratio", 1.5, "lower", "ratio", fn);
                continue;
            }
            double c = Stats.median(cold.get(fn));
            metric("coldstart." + fn + ".ratio", c / empty, 1.5, "lower", "ratio");
            metric("coldstart." + fn + ".ms", c, null, "lower", "ms");
            // The same start measured against the stack it runs on: the HTTP functions against an
            // empty quarkus-amazon-lambda-http function, every function against that stack plus the
            // SDK client and one GetItem (aggregate's stack has no HTTP layer, so only the first).
            if (!fn.equals("aggregate") && cold.containsKey("emptyhttp")) {
                metric("coldstart." + fn + ".ratio_vs_empty_http", c / Stats.median(cold.get("emptyhttp")), null,
                        "lower", "ratio");
            }
            if (!fn.equals("aggregate") && cold.containsKey("floor")) {
                metric("coldstart." + fn + ".ratio_vs_floor", c / Stats.median(cold.get("floor")), null, "lower",
                        "ratio");
            }
            double f = Stats.median(first.get(fn));
            metric("priming." + fn + ".first_invocation_ms", f, null, "lower", "ms");
            if (firstPrimed.containsKey(fn)) {
                double fp = Stats.median(firstPrimed.get(fn));
                metric("priming." + fn + ".first_invocation_primed_ms", fp, null, "lower", "ms");
                metric("priming." + fn + ".saved_ms", f - fp, null, "higher", "ms");
                raw.with("primingDone").set(fn, primedWhat.get(fn).get("primed"));
            } else {
                missingMetric("priming." + fn + ".saved_ms", null, "higher", "ms", "priming." + fn);
            }
        }
    }

    // ---- 1, 2, 5. handler overhead, requests per operation, memory ----------------------------

    private void overhead(Map<String, String> env, String id) throws Exception {
        String n = env("BENCH_ITERATIONS", "300");
        String warm = env("BENCH_WARMUP", "100");
        Map<String, JsonNode> routes = new LinkedHashMap<>();
        if (has("submit")) {
            JsonNode r = spawn("submit", "overhead-submit", env, "mode=overhead", "fn=submit", "n=" + n, "warm=" + warm);
            raw.set("overheadSubmit", r);
            routes.put("submit", r.get("submit"));
            metric("submit.noop_handler_p50_ms", r.get("noop").get("handlerP50").asDouble(), null, "lower", "ms");
            metric("memory.peak_rss_mb.submit", r.get("memory").get("VmHWM").asDouble(), 256.0, "lower", "MB");
        } else {
            missingMetric("memory.peak_rss_mb.submit", 256.0, "lower", "MB", "submit");
        }
        boolean figures = has("lookup") && hasClass("lookup", "org/conflictledger/lookup/FiguresResource.class");
        if (has("lookup")) {
            JsonNode r = spawn("lookup", "overhead-lookup", env, "mode=overhead", "fn=lookup", "id=" + id,
                    "figures=" + figures, "n=" + n, "warm=" + warm);
            raw.set("overheadLookup", r);
            r.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("memory") && !e.getKey().equals("noop")) {
                    routes.put(e.getKey(), e.getValue());
                }
            });
            metric("lookup.noop_handler_p50_ms", r.get("noop").get("handlerP50").asDouble(), null, "lower", "ms");
            metric("memory.peak_rss_mb.lookup", r.get("memory").get("VmHWM").asDouble(), 256.0, "lower", "MB");
        } else {
            missingMetric("memory.peak_rss_mb.lookup", 256.0, "lower", "MB", "lookup");
        }
        if (has("floor")) {
            JsonNode r = spawn("floor", "overhead-floor", env, "mode=overhead", "fn=floor", "id=" + id, "n=" + n,
                    "warm=" + warm);
            raw.set("overheadFloor", r);
            JsonNode f = r.get("floor");
            log("floor    handler p50 %.2f ms | bare SDK p50 %.2f ms (the stack alone: one GetItem, nothing else)",
                    f.get("handlerP50").asDouble(), f.get("bareP50").asDouble());
            metric("floor.get.p50_ratio", f.get("p50Ratio").asDouble(), null, "lower", "ratio");
            metric("floor.get.handler_p50_ms", f.get("handlerP50").asDouble(), null, "lower", "ms");
            metric("floor.get.bare_p50_ms", f.get("bareP50").asDouble(), null, "lower", "ms");
            metric("floor.noop_handler_p50_ms", r.get("noop").get("handlerP50").asDouble(), null, "lower", "ms");
        }
        if (has("lookup") && !figures) {
            missing.put("figures", "GET /v1/figures is not in the lookup function on this branch yet");
        }
        Map<String, Double> requestTargets = Map.of("submit", 1.0, "get", 1.0, "search", 1.0, "figures", 3.0);
        for (String route : List.of("submit", "get", "search", "figures")) {
            JsonNode r = routes.get(route);
            if (r == null) {
                String why = route.equals("submit") ? "submit" : route.equals("figures") && has("lookup") ? "figures" : "lookup";
                missingMetric(route + ".p50_ratio", 1.3, "lower", "ratio", why);
                missingMetric(route + ".p99_ratio", null, "lower", "ratio", why);
                missingMetric(route + ".requests", requestTargets.get(route), "lower", "requests", why);
                continue;
            }
            log("%-8s handler p50 %.2f ms p99 %.2f ms | bare SDK p50 %.2f ms p99 %.2f ms | requests %d %s", route,
                    r.get("handlerP50").asDouble(), r.get("handlerP99").asDouble(), r.get("bareP50").asDouble(),
                    r.get("bareP99").asDouble(), r.get("requests").asInt(), r.get("ops"));
            metric(route + ".p50_ratio", r.get("p50Ratio").asDouble(), 1.3, "lower", "ratio");
            metric(route + ".p99_ratio", r.get("p99Ratio").asDouble(), null, "lower", "ratio");
            metric(route + ".handler_p50_ms", r.get("handlerP50").asDouble(), null, "lower", "ms");
            metric(route + ".handler_p99_ms", r.get("handlerP99").asDouble(), null, "lower", "ms");
            metric(route + ".bare_p50_ms", r.get("bareP50").asDouble(), null, "lower", "ms");
            metric(route + ".handler_before_sdk_p50_ms", r.get("handlerPreSdkP50").asDouble(), null, "lower", "ms");
            metric(route + ".handler_in_sdk_p50_ms", r.get("handlerSdkP50").asDouble(), null, "lower", "ms");
            metric(route + ".handler_after_sdk_p50_ms", r.get("handlerPostSdkP50").asDouble(), null, "lower", "ms");
            metric(route + ".requests", r.get("requests").asDouble(), requestTargets.get(route), "lower", "requests");
        }
    }

    // ---- 3. aggregation scaling ---------------------------------------------------------------

    private void scaling(DynamoDbClient db, String endpoint) throws Exception {
        if (!has("aggregate")) {
            missingMetric("aggregate.incremental_cost_ratio", 1.5, "lower", "ratio", "aggregate");
            return;
        }
        List<Integer> sizes = Arrays.stream(env("BENCH_SIZES", "1000,10000,100000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int fresh = envInt("BENCH_NEW_REPORTS", 10);
        Map<Integer, JsonNode> results = new LinkedHashMap<>();
        {
            for (int size : sizes) {
                String table = "scale-" + size;
                TableSetup.ensure(db, table);
                long t0 = System.nanoTime();
                Seeder.seed(db, table, size, size, envInt("BENCH_SEED_THREADS", 4));
                double seedS = (System.nanoTime() - t0) / 1e9;
                log("scale %d: seeded in %.1f s", size, seedS);
                ReportStore store = new ReportStore(db, table, Clock.systemUTC());
                Data data = new Data(size * 31L + 1);
                JsonNode r = spawn("aggregate", "scale-" + size,
                        Map.of("LEDGER_TABLE", table, "AWS_ENDPOINT_URL_DYNAMODB", endpoint),
                        (count, tag) -> {
                            for (int i = 0; i < count; i++) {
                                Data.Stored st = data.stored("new-" + tag + "-" + i + "-" + System.nanoTime());
                                store.create(st.report(), st.claim());
                            }
                        },
                        "mode=scale", "size=" + size, "new=" + fresh);
                ((ObjectNode) r).put("seedSeconds", seedS);
                results.put(size, r);
                log("scale %d: rebuild %d requests %.0f ms (%d partitions); incremental(+%d) %d requests %.0f ms; +1%% %d requests %.0f ms",
                        size, r.at("/rebuild/requests").asLong(), r.at("/rebuild/ms").asDouble(),
                        r.at("/rebuild/partitions").asLong(), fresh, r.at("/incremental/requests").asLong(),
                        r.at("/incremental/ms").asDouble(), r.at("/incrementalOnePercent/requests").asLong(),
                        r.at("/incrementalOnePercent/ms").asDouble());
                db.deleteTable(b -> b.tableName(table));
            }
        }
        raw.set("scaling", Json.mapper().valueToTree(results));
        for (var e : results.entrySet()) {
            String s = label(e.getKey());
            JsonNode r = e.getValue();
            metric("aggregate.initial.requests." + s, r.at("/initial/requests").asDouble(), null, "lower", "requests");
            metric("aggregate.initial.ms." + s, r.at("/initial/ms").asDouble(), null, "lower", "ms");
            metric("aggregate.rebuild.requests." + s, r.at("/rebuild/requests").asDouble(), null, "lower", "requests");
            metric("aggregate.rebuild.ms." + s, r.at("/rebuild/ms").asDouble(), null, "lower", "ms");
            metric("aggregate.incremental.requests." + s, r.at("/incremental/requests").asDouble(), null, "lower", "requests");
            metric("aggregate.incremental.ms." + s, r.at("/incremental/ms").asDouble(), null, "lower", "ms");
            metric("aggregate.incremental_1pct.requests." + s, r.at("/incrementalOnePercent/requests").asDouble(), null, "lower", "requests");
            metric("aggregate.incremental_1pct.ms." + s, r.at("/incrementalOnePercent/ms").asDouble(), null, "lower", "ms");
        }
        JsonNode small = results.get(sizes.get(0));
        JsonNode large = results.get(sizes.get(sizes.size() - 1));
        metric("aggregate.requests_per_partition", small.at("/incremental/requestsPerPartition").asDouble(), 3.0,
                "lower", "requests");
        metric("aggregate.incremental_cost_ratio", large.at("/incremental/requests").asDouble()
                / small.at("/incremental/requests").asDouble(), 1.5, "lower", "ratio");
        metric("aggregate.incremental_time_ratio", large.at("/incremental/ms").asDouble()
                / small.at("/incremental/ms").asDouble(), null, "lower", "ratio");
        metric("memory.peak_rss_mb.aggregate", large.at("/memory/VmHWM").asDouble(), 256.0, "lower", "MB");
        raw.put("scalingSizes", sizes.toString());
    }

    // ---- 6. imports ------------------------------------------------------------------------------

    /**
     * One ACLED file of BENCH_IMPORT_ROWS rows imported three times through the packaged import
     * function in one JVM: new (every row created), again (every row unchanged), then a file where
     * every row differs (every report corrected). Each import is the whole flow of docs/imports.md.
     */
    private void imports(DynamoDbClient db, String endpoint) throws Exception {
        if (!has("import")) {
            missingMetric("import.new.requests_per_row", 1.05, "lower", "requests", "import");
            missingMetric("import.unchanged.requests_per_row", 0.02, "lower", "requests", "import");
            return;
        }
        int rows = envInt("BENCH_IMPORT_ROWS", 100_000);
        List<String> phases = List.of(env("BENCH_IMPORT_PHASES", "new,unchanged,changed").split(","));
        if (!phases.get(0).equals("new")) {
            throw new IllegalArgumentException("BENCH_IMPORT_PHASES must start with new: the others import over it");
        }
        Path sample = root.resolve("docs/samples/imports/acled-syria.csv");
        Path gazetteer = root.resolve("docs/samples/imports/gazetteer-SYR.csv");
        Path first = work.resolve("import-" + rows + "-first.csv");
        Path second = work.resolve("import-" + rows + "-second.csv");
        long t0 = System.nanoTime();
        // A re-import of a newer export changes some rows, not all: every changeEvery-th row differs.
        int changedPercent = envInt("BENCH_IMPORT_CHANGED_PERCENT", 10);
        int changeEvery = Math.max(1, 100 / changedPercent);
        AcledFile.write(sample, gazetteer, first, rows, "first", 1);
        AcledFile.write(sample, gazetteer, second, rows, "second", changeEvery);
        int changed = (rows + changeEvery - 1) / changeEvery;
        log("import: two ACLED files of %d rows (%.1f MB each) written in %.1f s", rows,
                Files.size(first) / 1048576.0, (System.nanoTime() - t0) / 1e9);
        String table = "imports";
        String bucket = "bench-uploads";
        TableSetup.ensure(db, table);
        createBucket(endpoint, bucket);
        int lambdaPort;
        try (ServerSocket s = new ServerSocket(0)) {
            lambdaPort = s.getLocalPort();
        }
        // The template's environment for the import function, its AWS endpoints on this machine.
        Map<String, String> env = Map.of("LEDGER_TABLE", table, "AWS_ENDPOINT_URL_DYNAMODB", endpoint,
                "AWS_ENDPOINT_URL_S3", endpoint, "AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:" + lambdaPort,
                "LEDGER_UPLOADS_BUCKET", bucket, "LEDGER_S3_PATH_STYLE", "true", "LEDGER_IMPORT_HANDOFF", "lambda",
                "AWS_LAMBDA_FUNCTION_NAME", "bench-import");
        JsonNode r = spawn("import", "import-" + rows, env, "mode=import",
                "handler=org.conflictledger.imports.ImportEntry", "rows=" + rows, "file1=" + first,
                "file2=" + second, "gazetteer=" + gazetteer, "bucket=" + bucket, "lambdaPort=" + lambdaPort,
                "phases=" + String.join(",", phases), "changed=" + changed);
        raw.set("import", r);
        JsonNode reader = r.get("reader");
        log("import reader alone: %.0f rows/s, %.1f CPU ms per 1,000 rows", reader.get("rowsPerSecond").asDouble(),
                reader.get("cpuMsPer1000Rows").asDouble());
        metric("import.rows", rows, null, "higher", "rows");
        metric("import.reader.rows_per_s", reader.get("rowsPerSecond").asDouble(), null, "higher", "rows/s");
        metric("import.reader.cpu_ms_per_1k_rows", reader.get("cpuMsPer1000Rows").asDouble(), null, "lower", "ms");
        Map<String, Double> targets = Map.of("new", 1.05, "unchanged", 0.02);
        for (String phase : phases) {
            JsonNode p = r.get(phase);
            log("import %-9s %d rows in %.1f s (%.0f rows/s, %d invocations), %.1f CPU ms per 1,000 rows, %.4f DynamoDB requests per row %s",
                    phase, rows, p.get("seconds").asDouble(), p.get("rowsPerSecond").asDouble(),
                    p.get("invocations").asInt(), p.get("cpuMsPer1000Rows").asDouble(),
                    p.get("dynamoRequestsPerRow").asDouble(), p.get("ops"));
            metric("import." + phase + ".requests_per_row", p.get("dynamoRequestsPerRow").asDouble(),
                    targets.get(phase), "lower", "requests");
            metric("import." + phase + ".rows_per_s", p.get("rowsPerSecond").asDouble(), null, "higher", "rows/s");
            metric("import." + phase + ".cpu_ms_per_1k_rows", p.get("cpuMsPer1000Rows").asDouble(), null, "lower",
                    "ms");
            metric("import." + phase + ".invocations", p.get("invocations").asDouble(), null, "lower", "invocations");
        }
        if (r.has("changed") && r.has("unchanged")) {
            // What a changed row costs over an unchanged one: the two imports read the same 100k ids
            // (same BatchGetItems, claims, gazetteer read), so the difference is the changed rows' own.
            double extra = r.at("/changed/dynamoRequests").asDouble() - r.at("/unchanged/dynamoRequests").asDouble();
            log("import changed rows: %d of %d; %.0f requests more than the unchanged import, %.4f per changed row",
                    changed, rows, extra, extra / changed);
            metric("import.changed.rows_changed", changed, null, "higher", "rows");
            metric("import.changed.requests_per_changed_row", extra / changed, null, "lower", "requests");
        }
        metric("memory.peak_rss_mb.import", r.at("/memory/VmHWM").asDouble(), null, "lower", "MB");
        db.deleteTable(b -> b.tableName(table));
    }

    /** moto serves S3 on the same port; a bucket is one unsigned PUT there (the harness has no S3 client). */
    private static void createBucket(String endpoint, String bucket) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket))
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("creating bucket " + bucket + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static String label(int size) {
        return size % 1000 == 0 ? size / 1000 + "k" : Integer.toString(size);
    }

    // ---- output ---------------------------------------------------------------------------------

    private void metric(String name, double value, Double target, String better, String unit) {
        ObjectNode m = metrics.addObject();
        m.put("name", name);
        m.put("value", Stats.round(value, 3));
        if (target == null) {
            m.putNull("target");
        } else {
            m.put("target", target);
        }
        m.put("better", better);
        m.put("unit", unit);
    }

    private void missingMetric(String name, Double target, String better, String unit, String why) {
        ObjectNode m = metrics.addObject();
        m.put("name", name);
        m.putNull("value");
        if (target == null) {
            m.putNull("target");
        } else {
            m.put("target", target);
        }
        m.put("better", better);
        m.put("unit", unit);
        m.put("missing", missing.getOrDefault(why, why + " not measured"));
    }

    /**
     * A run of some phases (BENCH_PHASES) keeps the other metrics of the previous latest.json, each
     * marked with the run it comes from, so that one phase can be measured again on its own.
     */
    private void keepEarlier(Path json) throws Exception {
        if (!Files.exists(json)) {
            return;
        }
        JsonNode earlier = Json.mapper().readTree(json.toFile());
        Set<String> now = new HashSet<>();
        metrics.forEach(m -> now.add(m.get("name").asText()));
        for (JsonNode m : earlier.path("metrics")) {
            if (!now.contains(m.get("name").asText()) && !m.get("value").isNull()) {
                ObjectNode kept = m.deepCopy();
                if (!kept.has("measuredAt")) {
                    kept.put("measuredAt", earlier.path("generatedAt").asText());
                }
                metrics.add(kept);
            }
        }
    }

    private void write(Instant started) throws Exception {
        Path json = root.resolve("bench/results/latest.json");
        keepEarlier(json);
        ObjectNode out = Json.mapper().createObjectNode();
        out.set("metrics", metrics);
        out.put("generatedAt", Instant.now().toString());
        out.set("missing", Json.mapper().valueToTree(missing));
        out.put("jvmOptions", String.join(" ", jvmOpts));
        out.set("raw", raw);
        Files.createDirectories(json.getParent());
        Files.writeString(json, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");
        log("wrote %s", root.relativize(json));

        StringBuilder t = new StringBuilder();
        t.append("Run of ").append(LocalDate.now()).append(", ").append(raw.path("durationSeconds").asLong())
                .append(" s, JVM options `").append(String.join(" ", jvmOpts)).append("`, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores shared")
                .append(pinning() ? "; moto on CPU " + MOTO_CPU + ", the functions on CPU " + FUNCTION_CPU : "")
                .append(".\n\n");
        t.append("| metric | value | target | unit | |\n|---|---:|---:|---|---|\n");
        for (JsonNode m : metrics) {
            String v = m.get("value").isNull() ? "missing" : fmt(m.get("value").asDouble());
            String target = m.get("target").isNull() ? "" : (m.get("better").asText().equals("lower") ? "≤ " : "≥ ")
                    + fmt(m.get("target").asDouble());
            String verdict = "";
            if (!m.get("target").isNull() && !m.get("value").isNull()) {
                boolean ok = m.get("better").asText().equals("lower") ? m.get("value").asDouble() <= m.get("target").asDouble()
                        : m.get("value").asDouble() >= m.get("target").asDouble();
                verdict = ok ? "met" : "**missed**";
            } else if (m.has("missing")) {
                verdict = m.get("missing").asText();
            }
            if (m.has("measuredAt")) {
                verdict = (verdict.isEmpty() ? "" : verdict + "; ") + "run of " + m.get("measuredAt").asText().substring(0, 10);
            }
            t.append("| `").append(m.get("name").asText()).append("` | ").append(v).append(" | ").append(target)
                    .append(" | ").append(m.get("unit").asText()).append(" | ").append(verdict).append(" |\n");
        }
        Path doc = root.resolve("docs/performance.md");
        String begin = "<!-- bench:results:begin -->";
        String end = "<!-- bench:results:end -->";
        String text = Files.exists(doc) ? Files.readString(doc) : "# Performance\n\n" + begin + "\n" + end + "\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            text = text + "\n" + begin + "\n" + end + "\n";
            b = text.indexOf(begin);
            e = text.indexOf(end);
        }
        text = text.substring(0, b + begin.length()) + "\n" + t + text.substring(e);
        Files.writeString(doc, text);
        log("wrote %s", root.relativize(doc));
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
