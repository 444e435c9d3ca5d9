package org.conflictledger.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseBudgetTest {

    /** The bytes a string takes inside a JSON document, as Jackson (the Lambda runtime) writes it. */
    static long jackson(String s) throws Exception {
        return new ObjectMapper().writeValueAsString(s).getBytes(StandardCharsets.UTF_8).length - 2;
    }

    @Test
    void countsWhatTheEnvelopeCarries() throws Exception {
        for (String s : List.of("", "plain ascii", "{\"a\":\"b\\\\c\"}", "حلب \"مقتل\" 12", "😀 emoji \uD83C\uDDF8",
                "كوردی · ελληνικά · 中文", "{\"summary\":\"line\\nbreak\"}")) {
            assertEquals(jackson(s), ResponseBudget.encodedSize(s), s);
        }
        // Raw control characters never occur in a serialised item; if they did, they are over-counted.
        assertTrue(ResponseBudget.encodedSize("a\nb\u0001") >= jackson("a\nb\u0001"));
    }

    @Test
    void aPageStopsBeforeTheBudgetButNeverEmpty() {
        ResponseBudget b = new ResponseBudget(100);
        assertTrue(b.admit("x".repeat(500)), "the first item always fits");
        assertFalse(b.admit("y"));
        ResponseBudget c = new ResponseBudget(100);
        assertTrue(c.admit("x".repeat(49)));
        assertTrue(c.admit("\"".repeat(24)));
        assertFalse(c.admit("z"));
        assertEquals(50 + 49, c.used(), "each item counted with its separator");
    }

    @Test
    void theBudgetLeavesHeadroomUnderLambdasLimit() {
        assertTrue(ResponseBudget.BYTES <= ResponseBudget.LAMBDA_RESPONSE_LIMIT - 1024 * 1024);
        assertEquals(6 * 1024 * 1024, ResponseBudget.LAMBDA_RESPONSE_LIMIT);
    }
}
