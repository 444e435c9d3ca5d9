package org.conflictledger.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.conflictledger.lambda.Priming;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** The SnapStart hook warms DynamoDB, the report JSON path and the handler, and stores nothing. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class PrimingTest extends SubmitTestBase {

    @Inject
    Priming priming;

    @Test
    void beforeCheckpointPrimesWithoutWriting() {
        priming.beforeCheckpoint(null);
        assertEquals(new Priming.Done(true, true, "401"), priming.done());
        assertEquals(1, requests.count("GetItem"));
        assertEquals(1, requests.total());
        assertEquals(0, stored());
    }
}
