package org.conflictledger.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.conflictledger.domain.json.Json;
import org.junit.jupiter.api.Test;

class EmfTest {

    @Test
    void aLineIsAnEmbeddedMetricFormatDocument() throws Exception {
        String line = Emf.line("aggregate", Map.of("AggregationLagSeconds", 42), Map.of("AggregationLagSeconds", "Seconds"),
                Instant.parse("2024-11-30T12:00:00Z"));
        JsonNode n = Json.mapper().readTree(line);
        assertEquals(1732968000000L, n.at("/_aws/Timestamp").asLong());
        JsonNode m = n.at("/_aws/CloudWatchMetrics/0");
        assertEquals("ConflictLedger", m.get("Namespace").asText());
        assertEquals("FunctionName", m.at("/Dimensions/0/0").asText());
        assertEquals("AggregationLagSeconds", m.at("/Metrics/0/Name").asText());
        assertEquals("Seconds", m.at("/Metrics/0/Unit").asText());
        assertEquals("aggregate", n.get("FunctionName").asText());
        assertEquals(42.0, n.get("AggregationLagSeconds").asDouble());
        assertEquals(-1, line.indexOf('\n'), "one line");
    }
}
