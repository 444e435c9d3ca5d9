package org.conflictledger.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import org.conflictledger.domain.json.Json;

/**
 * CloudWatch embedded metric format: one JSON line on stdout that CloudWatch turns into metrics,
 * with no API call on the request path. Namespace ConflictLedger, dimension FunctionName.
 */
public final class Emf {

    public static final String NAMESPACE = "ConflictLedger";

    private Emf() {
    }

    public static String line(String function, Map<String, ? extends Number> values, Map<String, String> units, Instant at) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", at.toEpochMilli());
        ObjectNode metric = aws.putArray("CloudWatchMetrics").addObject();
        metric.put("Namespace", NAMESPACE);
        metric.putArray("Dimensions").addArray().add("FunctionName");
        ArrayNode defs = metric.putArray("Metrics");
        root.put("FunctionName", function);
        values.forEach((name, v) -> {
            defs.addObject().put("Name", name).put("Unit", units.getOrDefault(name, "Count"));
            root.put(name, v.doubleValue());
        });
        return root.toString();
    }

    public static void emit(PrintStream out, String function, Map<String, ? extends Number> values, Map<String, String> units) {
        out.println(line(function, values, units, Instant.now()));
    }
}
