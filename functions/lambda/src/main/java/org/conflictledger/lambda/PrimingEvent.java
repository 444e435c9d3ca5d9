package org.conflictledger.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one function's SnapStart priming sends through its own handler: an event that exercises
 * the handler path and writes nothing, and how to read the outcome from the reply. Each function
 * has exactly one bean of this type.
 */
public interface PrimingEvent {

    /** The raw Lambda event. */
    String json();

    /** The outcome a priming run reports (an HTTP status, or the handler's own status). */
    String outcome(JsonNode reply);
}
