package org.conflictledger.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;
import org.conflictledger.domain.json.Json;
import org.conflictledger.lambda.Emf;
import org.jboss.logging.Logger;

/**
 * The function's non-HTTP events (docs/imports.md): S3 ObjectCreated records of the uploads
 * bucket start or resume the import the key names; {@code {"continueImport": id}} is the
 * hand-over of a long import to a fresh invocation.
 */
// Looked up by ImportEntry, not injected: ArC must keep it.
@io.quarkus.arc.Unremovable
@ApplicationScoped
public class ImportEvents {

    private static final Logger LOG = Logger.getLogger(ImportEvents.class);

    @Inject
    Importer importer;

    @Inject
    ImportSettings settings;

    /** True for the events this class handles (the rest are API Gateway HTTP events). */
    public static boolean isImportEvent(JsonNode root) {
        return root != null && (root.has("Records") || root.hasNonNull("continueImport"));
    }

    public ObjectNode handle(JsonNode root, Context context) {
        long started = System.currentTimeMillis();
        LongSupplier remaining = () -> remaining(context, started);
        ObjectNode reply = Json.mapper().createObjectNode();
        if (root.hasNonNull("continueImport")) {
            String id = root.get("continueImport").asText();
            reply.put("id", id);
            reply.put("result", run(id, remaining));
            return reply;
        }
        ArrayNode done = reply.putArray("imports");
        for (JsonNode r : root.get("Records")) {
            if (!"aws:s3".equals(r.path("eventSource").asText())
                    || !r.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            // Keys in S3 events are URL-encoded (a space is '+').
            String key = URLDecoder.decode(r.path("s3").path("object").path("key").asText(), StandardCharsets.UTF_8);
            String id = Uploads.importId(key);
            if (id == null) {
                LOG.warnf("ignored an object that is no upload: %s", key);
                continue;
            }
            ObjectNode one = done.addObject();
            one.put("id", id);
            one.put("result", run(id, remaining));
        }
        return reply;
    }

    /** Runs an import; a failed one is the EMF metric ConflictLedger/ImportsFailed (alarm ImportsFailedAlarm). */
    private String run(String id, LongSupplier remaining) {
        Importer.Result r = importer.run(id, remaining);
        if (r == Importer.Result.FAILED || r == Importer.Result.DONE) {
            Emf.emit(System.out, System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "import"),
                    Map.of("ImportsFailed", r == Importer.Result.FAILED ? 1 : 0), Map.of("ImportsFailed", "Count"));
        }
        return r.toString();
    }

    /** Lambda's remaining time, capped by the configured longest run (a local event server has no deadline). */
    private long remaining(Context context, long started) {
        long own = settings.maxRun().toMillis() - (System.currentTimeMillis() - started);
        long lambda = context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
        return lambda <= 0 ? own : Math.min(own, lambda);
    }
}
