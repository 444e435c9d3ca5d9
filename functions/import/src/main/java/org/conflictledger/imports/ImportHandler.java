package org.conflictledger.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The function's one entry point (quarkus.lambda.handler=import; the template's handler string is
 * the usual QuarkusStreamHandler): S3 ObjectCreated events of the uploads bucket and the
 * hand-over event {@code {"continueImport": id}} go to the {@link Importer}; everything else is an
 * API Gateway HTTP event for Quarkus's HTTP handler (the routes in {@link ImportsResource}).
 */
@Named("import")
public class ImportHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(ImportHandler.class);

    @Inject
    Importer importer;

    @Inject
    ImportSettings settings;

    private final LambdaHttpHandler http = new LambdaHttpHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.currentTimeMillis();
        byte[] event = input.readAllBytes();
        ObjectMapper mapper = AmazonLambdaMapperRecorder.objectMapper;
        JsonNode root = mapper.readTree(event);
        LongSupplier remaining = () -> remaining(context, started);
        if (root != null && root.has("Records")) {
            mapper.writeValue(output, s3(root, remaining, mapper));
        } else if (root != null && root.hasNonNull("continueImport")) {
            String id = root.get("continueImport").asText();
            ObjectNode reply = mapper.createObjectNode();
            reply.put("id", id);
            reply.put("result", importer.run(id, remaining).toString());
            mapper.writeValue(output, reply);
        } else {
            APIGatewayV2HTTPEvent request = mapper.readValue(event, APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse response = http.handleRequest(request, context);
            mapper.writeValue(output, response);
        }
    }

    /** Every ObjectCreated record of an upload key starts (or resumes) that import. */
    private ObjectNode s3(JsonNode root, LongSupplier remaining, ObjectMapper mapper) {
        ObjectNode reply = mapper.createObjectNode();
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
            one.put("result", importer.run(id, remaining).toString());
        }
        return reply;
    }

    /** Lambda's remaining time, capped by the configured longest run (the mock event server has no deadline). */
    private long remaining(Context context, long started) {
        long own = settings.maxRun().toMillis() - (System.currentTimeMillis() - started);
        long lambda = context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis();
        return lambda <= 0 ? own : Math.min(own, lambda);
    }
}
