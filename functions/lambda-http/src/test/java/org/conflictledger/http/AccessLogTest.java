package org.conflictledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void idsBecomePlaceholdersSoRoutesGroup() {
        assertEquals("/v1/reports/{id}/review", AccessLog.path("/v1/reports/01JDRZ5V7N3P2Q8R4S6T8V0W2X/review"));
        assertEquals("/v1/reports/{id}", AccessLog.path("/v1/reports/01JDRZ5V7N3P2Q8R4S6T8V0W2X"));
        assertEquals("/v1/reports/batch", AccessLog.path("/v1/reports/batch"));
        assertEquals("/v1/reports/not-an-id", AccessLog.path("/v1/reports/not-an-id"));
    }
}
