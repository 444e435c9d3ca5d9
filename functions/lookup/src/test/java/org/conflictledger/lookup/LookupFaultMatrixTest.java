package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

/**
 * Every lookup route under throttling and 500s on GetItem and Query, passing (one attempt) and
 * lasting (every attempt): the client sees the undisturbed answer or 503 with Retry-After, never
 * another 5xx, and nothing is written.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class LookupFaultMatrixTest extends LookupTestBase {

    static Map<String, LambdaEvents.Builder> routes() {
        Map<String, LambdaEvents.Builder> m = new LinkedHashMap<>();
        m.put("report", get("/v1/reports/" + Fixtures.A, null).as("ed-1", "editor"));
        m.put("report revision", get("/v1/reports/" + Fixtures.A, "revision=1"));
        m.put("revisions", get("/v1/reports/" + Fixtures.B + "/revisions", null));
        m.put("search json", get("/v1/reports", window("country=SYR") + "&limit=3"));
        m.put("search csv", get("/v1/reports", window("admin1=SY02") + "&status=received").header("Accept", "text/csv"));
        m.put("search geojson", get("/v1/reports", window("country=SYR")).header("Accept", "application/geo+json"));
        m.put("changes", get("/v1/changes", "since=2024-01-01T00:00:00Z&limit=5"));
        m.put("figures", get("/v1/figures", window("country=SYR&admin1=SY02")));
        m.put("figures daily", get("/v1/figures/daily", window("country=SYR&admin1=SY02")));
        return m;
    }

    @Test
    void everyRouteUnderEveryFaultAnswersOr503s() {
        Map<String, LambdaEvents.Reply> undisturbed = new LinkedHashMap<>();
        routes().forEach((name, b) -> {
            var r = b.send();
            assertEquals(200, r.status(), name + ": " + r.body());
            undisturbed.put(name, r);
        });
        var before = LookupHostileTest.sorted(Table.items(db, MotoResource.TABLE));
        List<String> failures = new ArrayList<>();
        int scenarios = 0;
        int answered503 = 0;
        int faultsFired = 0;
        for (var route : routes().entrySet()) {
            for (Fault fault : List.of(Fault.THROTTLE, Fault.SERVER_ERROR)) {
                for (String op : List.of("GetItem", "Query")) {
                    for (int times : new int[] {1, 10}) {
                        scenarios++;
                        String name = route.getKey() + " " + fault + " x" + times + " on " + op;
                        requests.reset();
                        faults.arm(fault, op, times);
                        var r = route.getValue().send();
                        int fired = faults.fired();
                        faults.disarm();
                        faultsFired += fired;
                        long writes = LookupHostileTest.WRITES.stream().mapToLong(requests::count).sum();
                        if (writes > 0) {
                            failures.add(name + ": " + writes + " write request(s)");
                        }
                        if (r.status() == 503) {
                            answered503++;
                            if (!"2".equals(r.header("retry-after"))) {
                                failures.add(name + ": 503 without Retry-After");
                            }
                            if (!r.header("content-type").startsWith("application/problem+json")) {
                                failures.add(name + ": 503 without a problem document");
                            }
                            if (fired == 0) {
                                failures.add(name + ": 503 though no fault fired");
                            }
                        } else if (r.status() != 200) {
                            failures.add(name + ": " + r.status() + " " + r.body());
                        } else if (!r.body().equals(undisturbed.get(route.getKey()).body())) {
                            failures.add(name + ": answered differently: " + r.body());
                        } else if (times == 10 && fired > 0) {
                            failures.add(name + ": a fault on every attempt, yet 200");
                        }
                        var retry = route.getValue().send();
                        if (retry.status() != 200 || !retry.body().equals(undisturbed.get(route.getKey()).body())) {
                            failures.add(name + ": the retry got " + retry.status());
                        }
                    }
                }
            }
        }
        System.out.printf("lookup fault matrix: %d scenarios, %d failures, %d answered 503, %d faults fired%n",
                scenarios, failures.size(), answered503, faultsFired);
        failures.forEach(f -> System.out.println("lookup fault matrix FAILED " + f));
        assertEquals(9 * 2 * 2 * 2, scenarios);
        assertEquals(List.of(), failures);
        assertTrue(answered503 >= 9 * 2, "every route has a lasting fault on the operation it reads with");
        assertEquals(before, LookupHostileTest.sorted(Table.items(db, MotoResource.TABLE)));
    }
}
