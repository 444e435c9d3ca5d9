package org.conflictledger.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The Lambda runtime reads events with a copy of this mapper: see {@link HttpEvents}. */
@Singleton
public class EventJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        HttpEvents.install(mapper);
    }
}
