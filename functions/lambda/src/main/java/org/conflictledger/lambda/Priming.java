package org.conflictledger.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.conflictledger.domain.json.Json;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming (docs/performance.md): before Lambda snapshots the initialised function, warm
 * what the first request would otherwise pay for (the DynamoDB client and its connection, Jackson
 * and the report reader, the Lambda handler path) so that it is part of the snapshot. Writes
 * nothing: one GetItem of a key that never exists, and the function's {@link PrimingEvent}.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    /** What a priming run did; the tests and the benchmark read it. */
    public record Done(boolean dynamo, boolean json, String handler) {
    }

    @Inject
    DynamoDbClient db;

    @ConfigProperty(name = "ledger.table")
    String table;

    @Inject
    Clock clock;

    @Inject
    PrimingEvent event;

    volatile Done done;

    void register(@Observes StartupEvent ev) {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        done = prime();
        LOG.infof("SnapStart priming: %s", done);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the SDK re-opens connections a restore found closed.
    }

    public Done done() {
        return done;
    }

    Done prime() {
        boolean dynamo = Warmup.dynamo(db, table);
        if (!dynamo) {
            LOG.warn("priming: DynamoDB not reached");
        }
        boolean json = Warmup.reportJson(clock);
        String outcome;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AmazonLambdaRecorder.handle(new ByteArrayInputStream(event.json().getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode reply = Json.mapper().readTree(out.toByteArray());
            outcome = event.outcome(reply);
        } catch (Exception e) {
            LOG.warnf("priming: handler path failed: %s", e.toString());
            outcome = "failed";
        }
        return new Done(dynamo, json, outcome);
    }
}
