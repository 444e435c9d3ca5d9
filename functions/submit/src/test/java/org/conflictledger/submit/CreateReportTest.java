package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class CreateReportTest {

    @Test
    void reporterCreatesAReport() {
        var r = request("POST", "/v1/reports").as("user-1", "reporter").body(Samples.periodTotal()).send();
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();
        assertNotNull(id);
        assertEquals("/v1/reports/" + id, r.header("location").replaceFirst("^https?://[^/]+", ""));
        assertEquals(1, r.json().get("revision").asInt());
        assertEquals("received", r.json().get("status").asText());
        assertEquals("user-1", r.json().get("submittedBy").asText());
    }

    @Test
    void publicIsUnauthorized() {
        var r = request("POST", "/v1/reports").body(Samples.periodTotal()).send();
        assertEquals(401, r.status(), r.body());
        assertTrue(r.header("content-type").startsWith("application/problem+json"), r.headers().toString());
    }
}
