package org.conflictledger.submit;

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
import org.conflictledger.lambda.Warmup;
import org.conflictledger.store.ReportStore;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, warm what the first request
 * would otherwise pay for (DynamoDB client and its HTTP connection, Jackson and the report reader,
 * the Lambda HTTP handler path) so that it is part of the snapshot. Writes nothing: one GetItem of
 * a key that never exists, and an unauthenticated PUT that the handler answers with 401.
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    /** What a priming run did; the test and the benchmark read it. */
    public record Done(boolean dynamo, boolean json, int handlerStatus) {
    }

    static final String EVENT = """
        {"version": "2.0", "routeKey": "$default", "rawPath": "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
         "rawQueryString": "", "headers": {"content-type": "application/json", "if-match": "\\"1\\""},
         "requestContext": {"accountId": "0", "apiId": "priming", "domainName": "localhost",
           "requestId": "snapstart-priming", "stage": "$default", "time": "01/Jan/2025:00:00:00 +0000",
           "timeEpoch": 1735689600000, "http": {"method": "PUT", "path": "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
           "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "priming"}},
         "body": "{}", "isBase64Encoded": false}
        """;

    @Inject
    DynamoDbClient db;

    @Inject
    ReportStore store;

    @Inject
    Clock clock;

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
        boolean dynamo = Warmup.dynamo(db, store.table());
        if (!dynamo) {
            LOG.warn("priming: DynamoDB not reached");
        }
        boolean json = Warmup.reportJson(clock);
        int status;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AmazonLambdaRecorder.handle(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, null);
            JsonNode reply = Json.mapper().readTree(out.toByteArray());
            status = reply.path("statusCode").asInt();
        } catch (Exception e) {
            LOG.warnf("priming: handler path failed: %s", e.toString());
            status = -1;
        }
        return new Done(dynamo, json, status);
    }
}
