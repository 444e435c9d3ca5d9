package org.conflictledger.domain.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array where the Lambda event model expects a string, the way API Gateway
 * flattens list claims: {@code ["reporter","editor"]} becomes {@code "[reporter editor]"}.
 * Without it an event carrying {@code cognito:groups} as a list fails before the handler runs.
 */
public final class FlattenArrays extends DeserializationProblemHandler {

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                                        JsonParser p, String failureMsg) throws IOException {
        if (t == JsonToken.START_ARRAY && targetType.getRawClass() == String.class) {
            JsonNode array = p.readValueAsTree();
            List<String> parts = new ArrayList<>();
            array.forEach(n -> parts.add(n.isTextual() ? n.asText() : n.toString()));
            return "[" + String.join(" ", parts) + "]";
        }
        return NOT_HANDLED;
    }
}
