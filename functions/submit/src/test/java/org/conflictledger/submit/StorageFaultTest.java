package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class StorageFaultTest extends SubmitTestBase {

    @Test
    void throttlingThatOutlastsTheRetriesIs503WithRetryAfterAndNothingStored() {
        faults.arm(Fault.THROTTLE, "TransactWriteItems", 100);
        var r = create("u1", Samples.incident("2024-11-28", "SY0200", 5, "W"));
        assertProblem(r, 503);
        assertEquals("2", r.header("retry-after"));
        System.out.println("attempts " + faults.fired() + " " + requests.snapshot());
        assertTrue(faults.fired() > 1, "the SDK retried before giving up");
        faults.disarm();
        assertEquals(0, stored());
        assertEquals(201, create("u1", Samples.incident("2024-11-28", "SY0200", 5, "W")).status());
    }

    @Test
    void aPassingThrottleIsAbsorbedByTheSdkRetries() {
        faults.arm(Fault.THROTTLE, "TransactWriteItems", 1);
        var r = create("u1", Samples.periodTotal());
        assertEquals(201, r.status(), r.body());
        assertEquals(2, requests.count("TransactWriteItems"));
        assertEquals(1, items("R#").size() / 2);
    }

    @Test
    void serverErrorsOnReadsAre503Too() {
        String id = create("u1", Samples.periodTotal()).json().get("id").asText();
        faults.arm(Fault.SERVER_ERROR, "GetItem", 100);
        var r = request("PUT", "/v1/reports/" + id).as("u1", "reporter").header("If-Match", "\"1\"")
                .body(Samples.periodTotal()).send();
        assertProblem(r, 503);
        assertEquals("2", r.header("retry-after"));
        faults.disarm();
        assertEquals(2, items("R#" + id).size(), "no revision 2");
    }

    @Test
    void aThrottleAfterTheWriteLandedIsRecognisedAsOurOwnWrite() {
        faults.arm(Fault.THROTTLE_AFTER_WRITE, "TransactWriteItems", 1);
        var r = create("u1", Samples.incident("2024-11-28", "SY0200", 5, "W"));
        assertEquals(201, r.status(), r.body());
        assertEquals(1, items("R#").size() / 2);
        assertEquals(1, items("F#").size());
        assertEquals("1", items("M").get(0).get("pending").n());
    }

    @Test
    void aLostResponseAfterTheWriteIsResolvedByRetryingWithTheSameKey() {
        faults.arm(Fault.LOST_RESPONSE, "TransactWriteItems", 1);
        var first = request("POST", "/v1/reports").as("u1", "reporter").header("Idempotency-Key", "amb-1")
                .body(Samples.periodTotal()).send();
        assertTrue(first.status() == 201 || first.status() == 503, first.body());
        faults.disarm();
        var retry = request("POST", "/v1/reports").as("u1", "reporter").header("Idempotency-Key", "amb-1")
                .body(Samples.periodTotal()).send();
        assertEquals(201, retry.status(), retry.body());
        if (first.status() == 201) {
            assertEquals(first.json().get("id"), retry.json().get("id"));
        }
        assertEquals(1, items("R#").size() / 2, "exactly one report");
        assertEquals(1, items("F#").size());
    }
}
