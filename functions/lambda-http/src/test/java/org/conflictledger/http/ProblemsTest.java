package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.conflictledger.store.StorageRejectedException;
import org.conflictledger.store.StorageUnavailableException;
import org.junit.jupiter.api.Test;

/** The store's two failure kinds as clients see them (docs/reliability.md, issue 12 item 7). */
class ProblemsTest {

    @Test
    void unavailableStorageIsA503ThatSaysRetry() {
        Problem p = Problems.of(new StorageUnavailableException("throttled", null));
        assertEquals(503, p.status());
        assertEquals(true, Problems.retryable(p));
    }

    @Test
    void rejectedStorageIsA500WithoutRetry() {
        Problem p = Problems.of(new StorageRejectedException("ValidationException", null));
        assertEquals(500, p.status());
        assertEquals("/problems/storage-rejected", p.type());
        assertEquals(false, Problems.retryable(p));
    }
}
