package org.conflictledger.aggregate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.conflictledger.domain.Change;
import org.conflictledger.domain.Status;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

/**
 * The aggregation interrupted at every one of its DynamoDB calls, by every fault, converges on the
 * next run to exactly the figures of an undisturbed run; runs racing with submissions lose nothing.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class AggregateReliabilityTest extends AggregateTestBase {

    static final String SCHEDULED = "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}";

    record Invocation(int status, String body) {
        boolean ok() {
            return status == 200 && body.contains("\"status\":\"ok\"");
        }
    }

    static Invocation run(String event) {
        var r = given().contentType(ContentType.JSON).body(event).post("/").then().extract();
        return new Invocation(r.statusCode(), r.asString());
    }

    /** Several days, two districts, a correction that moves a report, a retraction. */
    void seed() {
        ids = 0;
        var a = store(incident("2024-11-20", "SY0200", "SOHR", "2024-11-20T20:00:00Z", 10));
        store(incident("2024-11-20", "SY0200", "SNHR", "2024-11-21T08:00:00Z", 14));
        store(incident("2024-11-20", "SY0201", "SOHR", "2024-11-20T21:00:00Z", 3, "Russian Air Force"));
        var d = store(incident("2024-11-21", "SY0201", "SOHR", "2024-11-21T20:00:00Z", 7));
        store(incident("2024-11-22", "SY0200", "SNHR", "2024-11-22T20:00:00Z", 2));
        change(a, Status.RECEIVED, incident("2024-11-22", "SY0200", "SOHR", "2024-11-22T20:00:00Z", 11));
        change(d, Status.RETRACTED, d.report());
    }

    List<String> figures() {
        return storedFigures();
    }

    @Test
    void interruptedAtAnyCallByAnyFaultTheNextRunConvergesOnTheUndisturbedFigures() {
        seed();
        requests.reset();
        assertTrue(run(SCHEDULED).ok());
        long calls = requests.total();
        List<String> undisturbed = figures();
        assertTrue(undisturbed.size() >= 6, undisturbed.size() + " " + undisturbed);
        assertTrue(calls >= 8, "calls " + calls);

        List<String> failures = new ArrayList<>();
        int scenarios = 0;
        int failedRuns = 0;
        for (Fault fault : Fault.values()) {
            boolean lasting = fault == Fault.THROTTLE || fault == Fault.SERVER_ERROR;
            for (int k = 0; k < calls; k++) {
                scenarios++;
                Table.reset(db, MotoResource.TABLE);
                faults.disarm();
                seed();
                // Lasting faults stop the run at call k (every later attempt fails too); ambiguous ones hit call k once.
                faults.armAfter(k, fault, null, lasting ? 1000 : 1);
                Invocation first = run(SCHEDULED);
                faults.disarm();
                if (!first.ok()) {
                    failedRuns++;
                    if (!first.body().contains("StorageUnavailableException")) {
                        failures.add(fault + " at call " + k + ": failed with " + first.status() + " " + first.body());
                    }
                }
                Invocation next = run(SCHEDULED);
                if (!next.ok()) {
                    failures.add(fault + " at call " + k + ": the next run failed: " + next.body());
                }
                if (!figures().equals(undisturbed)) {
                    failures.add(fault + " at call " + k + ": figures differ: " + figures());
                }
                if (Table.count(db, MotoResource.TABLE, "M") != 0) {
                    failures.add(fault + " at call " + k + ": markers left after the next run");
                }
            }
        }
        System.out.printf("aggregate faults: %d calls per run, %d scenarios, %d interrupted runs, %d failures%n",
                calls, scenarios, failedRuns, failures.size());
        failures.forEach(f -> System.out.println("aggregate faults FAILED " + f));
        assertEquals(List.of(), failures);
        assertTrue(failedRuns >= 2 * calls, "every lasting fault interrupted its run");
    }

    record Write(StoredReport prev, StoredReport next, Change.Kind kind) {
    }

    @Test
    void submissionsRacingWithRunsLoseNothing() throws Exception {
        List<Write> script = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<CompletableFuture<Integer>> runners = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            runners.add(CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (writing.get()) {
                    // A run may fail on storage contention (the schedule retries it); what must
                    // hold is below: after one more run nothing is lost.
                    run(SCHEDULED);
                    n++;
                }
                return n;
            }));
        }
        try {
            List<StoredReport> live = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String day = "2024-11-" + (10 + i % 5);
                if (i % 4 == 3 && !live.isEmpty()) {
                    StoredReport prev = live.remove(0);
                    boolean retract = i % 8 == 7;
                    StoredReport next = prev.next(retract ? Status.RETRACTED : Status.RECEIVED,
                            retract ? prev.report() : incident(day, i % 3 == 0 ? "SY0201" : "SY0200", "SOHR",
                                    day + "T22:00:00Z", 100 + i),
                            Instant.now(), null);
                    Change.Kind kind = retract ? Change.Kind.RETRACTED : Change.Kind.CORRECTED;
                    reports.replace(prev, next, kind, null);
                    script.add(new Write(prev, next, kind));
                    if (!retract) {
                        live.add(next);
                    }
                } else {
                    StoredReport s = store(incident(day, i % 2 == 0 ? "SY0200" : "SY0201", i % 3 == 0 ? "SNHR" : "SOHR",
                            day + "T20:00:00Z", i + 1));
                    script.add(new Write(null, s, Change.Kind.CREATED));
                    live.add(s);
                }
            }
        } finally {
            writing.set(false);
        }
        int runs = 0;
        for (var f : runners) {
            runs += f.get();
        }
        assertTrue(run(SCHEDULED).ok());
        List<String> raced = figures();
        assertEquals(0, Table.count(db, MotoResource.TABLE, "M"));

        // A fresh copy of the same reports, written without any run, then rebuilt from scratch.
        Table.reset(db, MotoResource.TABLE);
        for (Write w : script) {
            if (w.prev() == null) {
                reports.create(w.next(), null);
            } else {
                reports.replace(w.prev(), w.next(), w.kind(), null);
            }
        }
        aggregation.registerCountry("SYR");
        var rebuilt = run("{\"mode\": \"rebuild\", \"from\": \"2024-11-01\", \"to\": \"2024-11-30\"}");
        assertTrue(rebuilt.ok(), rebuilt.body());
        System.out.printf("aggregate race: %d writes, %d concurrent runs, %d figure rows, equal to a rebuild: %s%n",
                script.size(), runs, raced.size(), raced.equals(figures()));
        assertTrue(raced.size() >= 10, raced.toString());
        assertEquals(figures(), raced);
    }

    @Test
    void rebuildWindowsAreBoundedAndARefusedRunCostsNothing() {
        requests.reset();
        for (String event : List.of(
                "{\"mode\": \"rebuild\", \"from\": \"2024-01-01\", \"to\": \"2025-01-01\"}",
                "{\"mode\": \"rebuild\", \"from\": \"0001-01-01\", \"to\": \"9999-12-31\"}",
                "{\"mode\": \"rebuild\", \"from\": \"2024-11-30\", \"to\": \"2024-11-01\"}",
                "{\"mode\": \"rebuild\", \"from\": \"2024-11-01\", \"to\": \"+999999999-12-31\"}",
                "{\"mode\": \"rebuild\", \"from\": [\"2024-11-01\"], \"to\": \"2024-11-30\"}",
                "{\"mode\": \"rebuild\", \"from\": \"2024-11-01\"}",
                "{\"mode\": \"rebuild\", \"from\": \"2024-11-01T00:00:00Z\", \"to\": \"2024-11-30\"}",
                "{\"mode\": \"everything\"}", "{\"mode\": 5}")) {
            Invocation r = run(event);
            assertEquals(200, r.status(), event);
            assertTrue(r.body().contains("\"status\":\"rejected\""), event + " -> " + r.body());
        }
        assertEquals(Map.of(), requests.snapshot(), "a refused run makes no storage request");
        store(incident("2024-11-28", "SY0200", "SOHR", "2024-11-28T20:00:00Z", 10));
        aggregation.registerCountry("SYR");
        requests.reset();
        Invocation full = run("{\"mode\": \"rebuild\", \"from\": \"2024-01-01\", \"to\": \"2024-12-31\"}");
        assertTrue(full.ok(), full.body());
        // 366 days: one keyed read per country-day, then the marked days only.
        assertTrue(requests.total() <= 366 + 20, requests.snapshot().toString());
    }
}
