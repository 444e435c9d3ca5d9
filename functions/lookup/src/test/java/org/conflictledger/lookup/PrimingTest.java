package org.conflictledger.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.conflictledger.lambda.Priming;
import org.conflictledger.testing.MotoResource;
import org.junit.jupiter.api.Test;

/** The SnapStart hook warms DynamoDB, the report JSON path and the handler, and only reads. */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
@QuarkusTestResource(JwtKeys.class)
class PrimingTest extends LookupTestBase {

    @Inject
    Priming priming;

    @Test
    void beforeCheckpointPrimesWithoutWriting() {
        priming.beforeCheckpoint(null);
        assertEquals(new Priming.Done(true, true, "404"), priming.done());
        // Its own GetItem and the handler's read of the unknown report; nothing written.
        assertEquals(2, requests.count("GetItem"));
        assertEquals(2, requests.total());
    }
}
