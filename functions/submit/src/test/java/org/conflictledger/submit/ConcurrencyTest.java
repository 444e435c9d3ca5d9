package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class ConcurrencyTest extends SubmitTestBase {

    static final int N = 10;

    static List<LambdaEvents.Reply> parallel(IntFunction<LambdaEvents.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            List<Callable<LambdaEvents.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int n = i;
                calls.add(() -> call.apply(n));
            }
            List<LambdaEvents.Reply> out = new ArrayList<>();
            for (Future<LambdaEvents.Reply> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<Integer, Integer> statuses(List<LambdaEvents.Reply> replies) {
        Map<Integer, Integer> out = new TreeMap<>();
        replies.forEach(r -> out.merge(r.status(), 1, Integer::sum));
        return out;
    }

    @Test
    void parallelBatchesWithOneKeyStoreEachItemOnce() throws Exception {
        String body = "{\"reports\": [" + Samples.periodTotal() + ", " + Samples.incident("2024-11-28", "SY0200", 4, "W") + "]}";
        var replies = parallel(i -> request("POST", "/v1/reports/batch").as("u1", "reporter")
                .header("Idempotency-Key", "batch-key").body(body).send());
        assertEquals(Map.of(200, N), statuses(replies), replies.toString());
        replies.forEach(r -> assertEquals(replies.get(0).json().get("results"), r.json().get("results")));
        var items = Table.items(db, MotoResource.TABLE);
        assertEquals(2, LedgerCheck.reports(items));
        assertEquals(List.of(), LedgerCheck.halfWritten(items));
    }

    @Test
    void parallelRetriesOfOneCorrectionWithOneKeyAllGetItsResult() throws Exception {
        String id = create("owner", Samples.periodTotal()).json().get("id").asText();
        String corrected = Samples.periodTotal().replace("\"value\": 255", "\"value\": 260");
        var replies = parallel(i -> request("PUT", "/v1/reports/" + id).as("owner", "reporter")
                .header("If-Match", "\"1\"").header("Idempotency-Key", "fix-1").body(corrected).send());
        assertEquals(Map.of(200, N), statuses(replies), replies.toString());
        replies.forEach(r -> assertEquals(2, r.json().get("revision").asInt()));
        assertEquals(3, items("R#" + id).size(), "exactly one new revision");
        assertEquals(List.of(), LedgerCheck.halfWritten(Table.items(db, MotoResource.TABLE)));
    }

    @Test
    void parallelChangesWithTheSameIfMatchHaveExactlyOneWinner() throws Exception {
        for (String route : List.of("PUT", "DELETE", "REVIEW")) {
            String id = create("owner", Samples.incident("2024-11-28", "SY0200", 5, "W " + route)).json().get("id").asText();
            var replies = parallel(i -> switch (route) {
                case "PUT" -> request("PUT", "/v1/reports/" + id).as("owner", "reporter").header("If-Match", "\"1\"")
                        .body(Samples.incident("2024-11-28", "SY0200", 10 + i, "W " + route)).send();
                case "DELETE" -> request("DELETE", "/v1/reports/" + id).as("owner", "reporter").header("If-Match", "\"1\"")
                        .body("{\"reason\": \"reason " + i + "\"}").send();
                default -> request("POST", "/v1/reports/" + id + "/review").as("ed", "editor").header("If-Match", "\"1\"")
                        .body("{\"status\": \"" + (i % 2 == 0 ? "accepted" : "disputed") + "\", \"note\": \"n" + i + "\"}").send();
            });
            Map<Integer, Integer> s = statuses(replies);
            assertEquals(1, s.getOrDefault(200, 0), route + " " + s);
            // The losers are told their revision is stale (or, for a retraction, that it is retracted now).
            assertEquals(N - 1, s.getOrDefault(412, 0) + s.getOrDefault(409, 0), route + " " + s);
            if (!route.equals("DELETE")) {
                assertEquals(N - 1, s.getOrDefault(412, 0), route + " " + s);
            }
            assertEquals(3, items("R#" + id).size(), route + ": exactly one new revision");
        }
        assertEquals(List.of(), LedgerCheck.halfWritten(Table.items(db, MotoResource.TABLE)));
    }
}
