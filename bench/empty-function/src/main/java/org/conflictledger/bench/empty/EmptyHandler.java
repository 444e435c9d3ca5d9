package org.conflictledger.bench.empty;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;

/** The cold-start baseline: Quarkus + quarkus-amazon-lambda and a handler that does nothing. */
@Named("empty")
public class EmptyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("status", "ok");
    }
}
