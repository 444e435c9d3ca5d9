package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The fixture's check that no store method sends a Scan does catch one. */
class StoreTableTest {

    @RegisterExtension
    static final StoreTable TABLE = new StoreTable("fixture");

    @Test
    void aScanSentThroughTheStoresClientFailsTheTest() {
        TABLE.client().scan(b -> b.tableName(TABLE.name()));

        assertEquals(List.of(ScanRequest.builder().tableName(TABLE.name()).build()), TABLE.requests());
        assertThrows(AssertionFailedError.class, () -> TABLE.afterEach(null));
        TABLE.reset();  // this test's own Scan was the point
    }
}
