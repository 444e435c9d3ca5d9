package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.conflictledger.store.ExternalIdTakenException;
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

    @Test
    void aTakenExternalIdIsA409NamingTheHolder() {
        Problem p = Problems.of(new ExternalIdTakenException("acled:SYR1", "01JDXK3Y6R0000000000000000"));
        assertEquals(409, p.status());
        assertEquals("/problems/conflict", p.type());
        assertEquals("01JDXK3Y6R0000000000000000", p.existingId());
        assertEquals(false, Problems.retryable(p));
        assertTrue(Problems.json(p).contains("\"existingId\":\"01JDXK3Y6R0000000000000000\""), Problems.json(p));
        assertFalse(Problems.json(Problems.of(new StorageUnavailableException("x", null))).contains("existingId"));
    }
}
