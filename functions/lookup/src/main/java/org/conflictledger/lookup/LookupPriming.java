package org.conflictledger.lookup;

import jakarta.inject.Singleton;
import org.conflictledger.http.HttpPrimingEvent;

/** Priming's request: a public read of a report that does not exist (404). */
@Singleton
public class LookupPriming extends HttpPrimingEvent {

    private static final String EVENT = event("GET", "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
            "{\"accept\": \"application/json\"}", null);

    @Override
    public String json() {
        return EVENT;
    }
}
