package org.conflictledger.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.conflictledger.domain.Area;
import org.conflictledger.domain.Status;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class AggregationTest extends AggregateTestBase {

    static final Area SYR = Area.country("SYR");
    static final Area ALEPPO = new Area("SYR", "SY02", null);
    static final Area CITY = new Area("SYR", "SY02", "SY0200");
    static final Area OTHER = new Area("SYR", "SY02", "SY0201");

    @Inject
    Aggregator aggregator;

    @Test
    void aRunWithNothingNewReadsTheMarkersAndWritesNothing() {
        var reply = scheduled();
        assertEquals("ok", reply.get("status").asText());
        assertEquals("Scheduled Event", reply.get("trigger").asText());
        assertEquals(0, reply.get("partitionsRecomputed").asInt());
        assertEquals(Map.of("Query", 1L), requests.snapshot());
    }

    @Test
    void twoSourcesOfOneIncidentGiveARangeNotASum() {
        store(incident("2024-11-28", "SY0200", "SOHR", "2024-11-28T20:00:00Z", 10));
        store(incident("2024-11-28", "SY0200", "SNHR", "2024-11-29T08:00:00Z", 12));
        store(incident("2024-11-28", "SY0201", "SOHR", "2024-11-28T21:00:00Z", 3, "Russian Air Force"));
        requests.reset();
        var reply = scheduled();
        var used = requests.snapshot();
        assertEquals(1, reply.get("partitionsRecomputed").asInt(), reply.toString());
        assertEquals(3, reply.get("reportsRead").asInt());
        assertEquals(Map.of("killed/civilians", "10/10/12", "killed/all", "10/10/12"), figures(CITY, "2024-11-28"));
        assertEquals(Map.of("killed/civilians", "3/3/3", "killed/all", "3/3/3"), figures(OTHER, "2024-11-28"));
        assertEquals(Map.of("killed/civilians", "13/13/15", "killed/all", "13/13/15"), figures(ALEPPO, "2024-11-28"));
        assertEquals(figures(ALEPPO, "2024-11-28"), figures(SYR, "2024-11-28"));
        assertEquals(0, Table.count(db, MotoResource.TABLE, "M"), "markers cleared");
        // Per partition: one Query of the day, one transaction of figures, one conditional delete;
        // per run: one Query of markers and one registration of the country.
        assertEquals(Map.of("Query", 2L, "TransactWriteItems", 1L, "DeleteItem", 1L, "PutItem", 1L), used);

        requests.reset();
        assertEquals(0, scheduled().get("partitionsRecomputed").asInt());
        assertEquals(Map.of("Query", 1L), requests.snapshot(), "a second run has nothing to do and writes nothing");
    }

    @Test
    void correctionsAndRetractionsMoveTheFigures() {
        var a = store(incident("2024-11-28", "SY0200", "SOHR", "2024-11-28T20:00:00Z", 10));
        var b = store(incident("2024-11-28", "SY0201", "SOHR", "2024-11-28T20:00:00Z", 4, "Other"));
        scheduled();
        // Move a to the next day: both days are recomputed and SY0200 disappears from the 28th.
        change(a, Status.RECEIVED, incident("2024-11-29", "SY0200", "SOHR", "2024-11-29T20:00:00Z", 10));
        var reply = scheduled();
        assertEquals(2, reply.get("partitionsRecomputed").asInt());
        assertEquals(Map.of(), figures(CITY, "2024-11-28"));
        assertEquals("4/4/4", figures(ALEPPO, "2024-11-28").get("killed/all"));
        assertEquals("10/10/10", figures(CITY, "2024-11-29").get("killed/all"));
        change(b, Status.RETRACTED, b.report());
        scheduled();
        assertEquals(Map.of(), figures(ALEPPO, "2024-11-28"), "a retracted report never counts");
        assertEquals(Map.of(), figures(SYR, "2024-11-28"));
    }

    @Test
    void aReportAcceptedDuringARunIsIncludedByTheNextRun() {
        store(incident("2024-11-28", "SY0200", "SOHR", "2024-11-28T20:00:00Z", 10));
        // Just before the run stores its figures, another report of the same day lands.
        faults.beforeNext("TransactWriteItems", () ->
                store(incident("2024-11-28", "SY0200", "SNHR", "2024-11-29T08:00:00Z", 14)));
        var first = scheduled();
        assertEquals(1, first.get("markersKept").asInt(), first.toString());
        assertEquals("10/10/10", figures(CITY, "2024-11-28").get("killed/all"));
        var second = scheduled();
        assertEquals(1, second.get("partitionsRecomputed").asInt());
        assertEquals("10/10/14", figures(CITY, "2024-11-28").get("killed/all"));
        assertEquals(0, Table.count(db, MotoResource.TABLE, "M"));
    }

    @Test
    void twoConcurrentRunsStoreWhatOneRunStores() throws Exception {
        for (int i = 0; i < 6; i++) {
            store(incident("2024-11-" + (20 + i), i % 2 == 0 ? "SY0200" : "SY0201", "SOHR", "2024-11-29T20:00:00Z", i + 1));
        }
        var x = CompletableFuture.supplyAsync(AggregationTest::scheduled);
        var y = CompletableFuture.supplyAsync(AggregationTest::scheduled);
        x.get();
        y.get();
        var concurrent = snapshot();
        var rebuilt = invoke("{\"mode\": \"rebuild\", \"from\": \"2024-11-01\", \"to\": \"2024-11-30\"}");
        assertEquals(6, rebuilt.get("partitionsRecomputed").asInt(), rebuilt.toString());
        assertEquals(concurrent, snapshot());
        assertEquals(0, Table.count(db, MotoResource.TABLE, "M"));
    }

    @Test
    void anInterruptedRunConvergesOnTheNextOne() {
        for (int i = 0; i < 4; i++) {
            store(incident("2024-11-" + (20 + i), "SY0200", "SOHR", "2024-11-29T20:00:00Z", 5 + i));
        }
        faults.arm(Fault.SERVER_ERROR, "TransactWriteItems", 100);
        faults.beforeNext("DeleteItem", () -> { });
        try {
            scheduled();
        } catch (AssertionError expected) {
            // the invocation failed: the schedule would retry it
        }
        faults.disarm();
        var reply = scheduled();
        assertEquals(4, reply.get("partitionsRecomputed").asInt(), reply.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals((5 + i) + "/" + (5 + i) + "/" + (5 + i), figures(CITY, "2024-11-" + (20 + i)).get("killed/all"));
        }
    }

    @Test
    void aBacklogStopsAtTheDeadlineAndResumesNextTick() {
        for (int i = 0; i < 5; i++) {
            store(incident("2024-11-" + (10 + i), "SY0200", "SOHR", "2024-11-29T20:00:00Z", 1));
        }
        var none = aggregator.run(Instant.now().minusSeconds(1));
        assertTrue(none.backlogLeft());
        assertEquals(0, none.partitionsRecomputed());
        assertEquals(5, Table.count(db, MotoResource.TABLE, "M"));
        var all = aggregator.run(Instant.now().plusSeconds(60));
        assertFalse(all.backlogLeft());
        assertEquals(5, all.partitionsRecomputed());
    }

    @Test
    void rebuildsAreBounded() {
        var r = invoke("{\"mode\": \"rebuild\", \"from\": \"2023-01-01\", \"to\": \"2024-11-30\"}");
        assertEquals("rejected", r.get("status").asText());
        assertEquals("to", r.at("/errors/0/field").asText());
        assertEquals("rejected", invoke("{\"mode\": \"rebuild\", \"from\": \"yesterday\"}").get("status").asText());
        assertEquals("rejected", invoke("{\"mode\": \"everything\"}").get("status").asText());
        assertEquals("ok", invoke("{}").get("status").asText());
    }

    private List<String> snapshot() {
        return storedFigures();
    }
}
