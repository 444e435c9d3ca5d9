package org.conflictledger.lookup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.conflictledger.core.json.FlattenArrays;

/** The Lambda runtime reads events with a copy of this mapper: accept list-valued JWT claims. */
@Singleton
public class EventJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addHandler(new FlattenArrays());
    }
}
