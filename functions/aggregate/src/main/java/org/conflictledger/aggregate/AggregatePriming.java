package org.conflictledger.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import org.conflictledger.lambda.PrimingEvent;

/** Priming's event: an unknown mode, which the handler rejects before any run. */
@Singleton
public class AggregatePriming implements PrimingEvent {

    @Override
    public String json() {
        return "{\"mode\": \"priming\"}";
    }

    @Override
    public String outcome(JsonNode reply) {
        return reply.path("status").asText();
    }
}
