package org.conflictledger.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.conflictledger.domain.json.Json;

/**
 * The import function's Lambda handler ({@code org.conflictledger.imports.ImportEntry::handleRequest}
 * in infra/template.yaml): what QuarkusStreamHandler does, plus one branch. S3 and hand-over events
 * go to {@link ImportEvents}; API Gateway HTTP events go to Quarkus's HTTP handler (the routes of
 * {@link ImportsResource}). Deliberately not a RequestStreamHandler: Quarkus refuses a custom
 * handler class next to its HTTP extension, and Lambda's Java runtime calls a method of this shape
 * on any class.
 */
public class ImportEntry {

    static {
        // Before Arc is touched below: its static logger initialises JBoss Logging and, through it,
        // java.util.logging, which must find JBoss LogManager named here or Quarkus's log settings
        // (JSON, levels) never apply. Quarkus's ApplicationImpl names it too, but only when it loads;
        // QuarkusStreamHandler, the other functions' handler, touches nothing before it.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }

    /** False where Quarkus is already running (a @QuarkusTest, quarkus:dev). */
    private final boolean manual;

    public ImportEntry() {
        manual = Arc.container() == null;
        if (manual) {
            // At init, so that SnapStart's snapshot holds the started application.
            Quarkus.manualInitialize();
        }
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (manual) {
            Quarkus.manualStart();
        }
        byte[] event = input.readAllBytes();
        JsonNode root;
        try {
            root = Json.mapper().readTree(event);
        } catch (IOException e) {
            root = null;
        }
        if (ImportEvents.isImportEvent(root)) {
            Json.mapper().writeValue(output, Arc.container().instance(ImportEvents.class).get().handle(root, context));
            return;
        }
        AmazonLambdaRecorder.handle(new ByteArrayInputStream(event), output, context);
    }
}
