package org.conflictledger.imports;

import jakarta.inject.Singleton;
import org.conflictledger.http.HttpPrimingEvent;

/** Priming's request: an unauthenticated GET of an import, which the handler answers with 401 and which writes nothing. */
@Singleton
public class ImportPriming extends HttpPrimingEvent {

    private static final String EVENT = event("GET", "/v1/imports/01JAAAAAAAAAAAAAAAAAAAAAAA", "{\"accept\": \"application/json\"}", null);

    @Override
    public String json() {
        return EVENT;
    }
}
