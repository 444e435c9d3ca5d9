package org.conflictledger.bench;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conflictledger.store.ReportStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Seeds large data sets fast with exactly the items ReportStore writes: core's ReportStore.create
 * runs against a capturing client, and the captured transactions become BatchWriteItem requests.
 * The two updates of a create (day sequence: ADD seq; marker: SET tok.., ADD pending) are folded per
 * key into the item they produce after all creates (seq = reports of the day, pending likewise).
 */
final class Seeder {

    private Seeder() {
    }

    static List<String> seed(DynamoDbClient db, String table, int count, long seed, int threads) throws Exception {
        List<TransactWriteItemsRequest> captured = new ArrayList<>();
        DynamoDbClient capture = (DynamoDbClient) Proxy.newProxyInstance(Seeder.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && args[0] instanceof TransactWriteItemsRequest r) {
                        captured.add(r);
                        return TransactWriteItemsResponse.builder().build();
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        ReportStore store = new ReportStore(capture, table, Clock.systemUTC());
        Data data = new Data(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Data.Stored s = data.stored("seed-" + seed + "-" + i);
            store.create(s.report(), s.claim());
            ids.add(s.report().id());
        }
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (TransactWriteItemsRequest r : captured) {
            for (TransactWriteItem t : r.transactItems()) {
                if (t.put() != null) {
                    items.put(key(t.put().item()), new HashMap<>(t.put().item()));
                } else if (t.update() != null) {
                    fold(items, t.update());
                } else {
                    throw new IllegalStateException("unexpected item in a create: " + t);
                }
            }
        }
        List<WriteRequest> writes = items.values().stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < writes.size(); from += 25) {
                List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + 25));
                done.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
                    while (!pending.isEmpty()) {
                        final Map<String, List<WriteRequest>> req = pending;
                        BatchWriteItemResponse res = db.batchWriteItem(b -> b.requestItems(req));
                        pending = res.hasUnprocessedItems() ? res.unprocessedItems() : Map.of();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    private static String key(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "\u0000" + item.get("sk").s();
    }

    private static void fold(Map<String, Map<String, AttributeValue>> items, Update u) {
        Map<String, AttributeValue> k = u.key();
        Map<String, AttributeValue> v = u.expressionAttributeValues();
        Map<String, AttributeValue> item = items.computeIfAbsent(key(k), x -> new HashMap<>(k));
        String expr = u.updateExpression();
        if (expr.startsWith("ADD seq")) {
            item.put("seq", n(num(item.get("seq")) + 1));
            item.put("w", v.get(":w"));
            item.put("wr", v.get(":rid"));
            item.put("wp", v.get(":present"));
        } else if (expr.contains("ADD pending")) {
            item.put("tok", v.get(":w"));
            item.put("country", v.get(":c"));
            item.put("d", v.get(":d"));
            item.putIfAbsent("since", v.get(":now"));
            item.put("pending", n(num(item.get("pending")) + 1));
        } else {
            throw new IllegalStateException("unexpected update in a create: " + expr);
        }
    }

    private static long num(AttributeValue v) {
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }
}
