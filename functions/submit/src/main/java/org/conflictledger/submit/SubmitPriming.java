package org.conflictledger.submit;

import jakarta.inject.Singleton;
import org.conflictledger.http.HttpPrimingEvent;

/** Priming's request: an unauthenticated PUT, which the handler answers with 401 and which writes nothing. */
@Singleton
public class SubmitPriming extends HttpPrimingEvent {

    private static final String EVENT = event("PUT", "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
            "{\"content-type\": \"application/json\", \"if-match\": \"\\\"1\\\"\"}", "{}");

    @Override
    public String json() {
        return EVENT;
    }
}
