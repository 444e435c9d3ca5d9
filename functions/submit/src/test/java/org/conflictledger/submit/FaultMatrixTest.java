package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

/**
 * Every submit route under every storage fault, passing (one attempt) and lasting (every attempt),
 * on writes and on reads: the client sees success or 503 with Retry-After, the table is never
 * half-written, and a retry with the same Idempotency-Key completes without duplicating.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class FaultMatrixTest extends SubmitTestBase {

    enum Route { CREATE, BATCH, CORRECT, RETRACT, REVIEW }

    static final String INCIDENT = Samples.incident("2024-11-28", "SY0200", 5, "Witness F");
    static final String BATCH = "{\"reports\": [" + Samples.periodTotal() + ", "
            + Samples.incident("2024-11-27", "SY0201", 3, "Witness G") + "]}";

    LambdaEvents.Reply send(Route route, String id, String key) {
        return switch (route) {
            case CREATE -> request("POST", "/v1/reports").as("owner", "reporter").header("Idempotency-Key", key)
                    .body(INCIDENT).send();
            case BATCH -> request("POST", "/v1/reports/batch").as("owner", "reporter").header("Idempotency-Key", key)
                    .body(BATCH).send();
            case CORRECT -> request("PUT", "/v1/reports/" + id).as("owner", "reporter").header("Idempotency-Key", key)
                    .header("If-Match", "\"1\"").body(Samples.incident("2024-11-27", "SY0200", 6, "Witness F")).send();
            case RETRACT -> request("DELETE", "/v1/reports/" + id).as("owner", "reporter").header("Idempotency-Key", key)
                    .body("{\"reason\": \"duplicate\"}").send();
            case REVIEW -> request("POST", "/v1/reports/" + id + "/review").as("ed", "editor")
                    .header("Idempotency-Key", key).body("{\"status\": \"rejected\"}").send();
        };
    }

    @Test
    void everyRouteUnderEveryFaultSucceedsOr503sAndNeverHalfWrites() {
        List<String> failures = new ArrayList<>();
        int scenarios = 0;
        int answered503 = 0;
        for (Route route : Route.values()) {
            for (Fault fault : Fault.values()) {
                for (String op : new String[] {"TransactWriteItems", "GetItem"}) {
                    for (int times : new int[] {1, 10}) {
                        scenarios++;
                        String name = route + " " + fault + " x" + times + " on " + op;
                        Table.reset(db, MotoResource.TABLE);
                        faults.disarm();
                        String id = null;
                        if (route != Route.CREATE && route != Route.BATCH) {
                            id = create("owner", INCIDENT).json().get("id").asText();
                        }
                        faults.arm(fault, op, times);
                        var first = send(route, id, "k-" + scenarios);
                        faults.disarm();
                        int ok = route == Route.CREATE ? 201 : 200;
                        if (first.status() == 503) {
                            answered503++;
                            if (!"2".equals(first.header("retry-after"))) {
                                failures.add(name + ": 503 without Retry-After");
                            }
                        } else if (first.status() != ok) {
                            failures.add(name + ": first attempt " + first.status() + " " + first.body());
                        }
                        var items = Table.items(db, MotoResource.TABLE);
                        LedgerCheck.halfWritten(items).forEach(h -> failures.add(name + ": after the fault: " + h));
                        var retry = send(route, id, "k-" + scenarios);
                        if (retry.status() != ok) {
                            failures.add(name + ": retry " + retry.status() + " " + retry.body());
                            continue;
                        }
                        if (first.status() == ok && !first.json().equals(retry.json())) {
                            failures.add(name + ": the retry answered differently: " + first.body() + " / " + retry.body());
                        }
                        items = Table.items(db, MotoResource.TABLE);
                        LedgerCheck.halfWritten(items).forEach(h -> failures.add(name + ": after the retry: " + h));
                        long expectedReports = route == Route.BATCH ? 2 : 1;
                        if (LedgerCheck.reports(items) != expectedReports) {
                            failures.add(name + ": " + LedgerCheck.reports(items) + " reports");
                        }
                        if (id != null && Table.items(db, MotoResource.TABLE, "R#" + id).size() != 3) {
                            failures.add(name + ": not exactly one new revision");
                        }
                    }
                }
            }
        }
        System.out.printf("fault matrix: %d scenarios, %d failures, %d answered 503 first%n",
                scenarios, failures.size(), answered503);
        failures.forEach(f -> System.out.println("fault matrix FAILED " + f));
        assertEquals(80, scenarios);
        assertEquals(List.of(), failures);
    }
}
