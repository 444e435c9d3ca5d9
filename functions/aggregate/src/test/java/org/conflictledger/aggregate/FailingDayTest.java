package org.conflictledger.aggregate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.Area;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Table;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 2: a country-day whose figures cannot be stored never holds up the days after it
 * in key order; it stays marked, is counted in AggregationDaysFailed and is retried next run.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class FailingDayTest extends AggregateTestBase {

    static final Area CITY = new Area("SYR", "SY02", "SY0200");

    @Inject
    AggregateHandler handler;

    @Test
    void aDayThatFailsDoesNotStopTheOthersAndIsRetriedNextRun() {
        for (int i = 0; i < 4; i++) {
            store(incident("2024-11-2" + i, "SY0200", "SOHR", "2024-11-29T20:00:00Z", 10 + i));
        }
        PrintStream original = handler.metricsOut;
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        handler.metricsOut = new PrintStream(metrics, true, StandardCharsets.UTF_8);
        try {
            // Every attempt (the SDK's 4) of the first figures transaction fails: the first day in key order.
            faults.arm(Fault.THROTTLE, "TransactWriteItems", 4);
            var r = given().contentType(ContentType.JSON).body("{}").post("/").then().extract();
            faults.disarm();
            // A storage failure fails the invocation (Lambda retries it), but only after the other days.
            assertFalse(r.statusCode() == 200 && r.asString().contains("\"status\":\"ok\""), r.asString());
            assertTrue(r.asString().contains("StorageUnavailableException"), r.asString());
            assertEquals(Map.of(), figures(CITY, "2024-11-20"), "the failed day has no figures yet");
            for (int i = 1; i < 4; i++) {
                assertEquals((10 + i) + "/" + (10 + i) + "/" + (10 + i), figures(CITY, "2024-11-2" + i).get("killed/all"),
                        "day " + i + " was stored in the same run");
            }
            assertEquals(1, Table.count(db, MotoResource.TABLE, "M"), "only the failed day stays marked");
            String line = metrics.toString(StandardCharsets.UTF_8);
            assertTrue(line.contains("\"AggregationDaysFailed\":1.0"), line);

            metrics.reset();
            var next = scheduled();
            assertEquals("ok", next.get("status").asText(), next.toString());
            assertEquals(1, next.get("partitionsRecomputed").asInt(), next.toString());
            assertEquals(0, next.get("daysFailed").asInt());
            assertEquals("10/10/10", figures(CITY, "2024-11-20").get("killed/all"));
            assertEquals(0, Table.count(db, MotoResource.TABLE, "M"));
            assertTrue(metrics.toString(StandardCharsets.UTF_8).contains("\"AggregationDaysFailed\":0.0"));
        } finally {
            handler.metricsOut = original;
        }
    }

    @Test
    void theMetricIsInEveryRunsLine() {
        PrintStream original = handler.metricsOut;
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        handler.metricsOut = new PrintStream(metrics, true, StandardCharsets.UTF_8);
        try {
            scheduled();
            assertTrue(List.of(metrics.toString(StandardCharsets.UTF_8).split("\n")).stream()
                    .anyMatch(l -> l.contains("{\"Name\":\"AggregationDaysFailed\",\"Unit\":\"Count\"}")), metrics.toString());
        } finally {
            handler.metricsOut = original;
        }
    }
}
