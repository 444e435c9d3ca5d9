package org.conflictledger.lookup;

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
import java.util.Map;
import org.conflictledger.core.domain.Report;
import org.conflictledger.core.domain.Status;
import org.conflictledger.core.domain.StoredReport;
import org.conflictledger.core.json.Json;
import org.conflictledger.core.json.ReportJson;
import org.conflictledger.core.json.ReportReader;
import org.conflictledger.core.storage.ReportStore;
import org.conflictledger.core.validation.ReportValidator;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, warm what the first request
 * would otherwise pay for (DynamoDB client and its HTTP connection, Jackson and the report reader,
 * the Lambda HTTP handler path) so that it is part of the snapshot. Writes nothing: one GetItem of
 * a key that never exists, and a public read of a report that does not exist (404).
 */
@ApplicationScoped
public class Priming implements Resource {

    private static final Logger LOG = Logger.getLogger(Priming.class);

    /** What a priming run did; the test and the benchmark read it. */
    public record Done(boolean dynamo, boolean json, int handlerStatus) {
    }

    static final String SAMPLE = """
        {"scope": "incident", "source": {"kind": "monitor", "name": "priming", "publishedAt": "2024-11-29T18:00:00Z"},
         "period": {"start": "2024-11-28", "end": "2024-11-28"}, "datePrecision": "day",
         "place": {"country": "SYR", "admin1": "SY02", "admin2": "SY0200", "name": "Aleppo", "precision": "admin2"},
         "eventType": "battles", "subEventType": "armed_clash",
         "actors": [{"name": "priming", "type": "state_forces", "side": "a"}],
         "figures": [{"metric": "killed", "group": "civilians", "value": 1, "qualifier": "exact"}],
         "summary": "priming", "language": "en"}
        """;

    static final String EVENT = """
        {"version": "2.0", "routeKey": "$default", "rawPath": "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
         "rawQueryString": "", "headers": {"accept": "application/json"},
         "requestContext": {"accountId": "0", "apiId": "priming", "domainName": "localhost",
           "requestId": "snapstart-priming", "stage": "$default", "time": "01/Jan/2025:00:00:00 +0000",
           "timeEpoch": 1735689600000, "http": {"method": "GET", "path": "/v1/reports/01JAAAAAAAAAAAAAAAAAAAAAAA",
           "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "priming"}},
         "isBase64Encoded": false}
        """;

    @Inject
    DynamoDbClient db;

    @Inject
    ReportStore store;

    @Inject
    Clock clock;

    private static final java.time.Instant AT = java.time.Instant.parse("2025-01-01T00:00:00Z");

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
        boolean dynamo;
        try {
            db.getItem(GetItemRequest.builder().tableName(store.table())
                    .key(Map.of("pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))).build());
            dynamo = true;
        } catch (SdkException e) {
            LOG.warnf("priming: DynamoDB not reached: %s", e.toString());
            dynamo = false;
        }
        boolean json;
        try {
            Report report = new ReportReader(new ReportValidator(clock)).read(SAMPLE.getBytes(StandardCharsets.UTF_8));
            StoredReport stored = new StoredReport("01JAAAAAAAAAAAAAAAAAAAAAAA", 1, Status.RECEIVED, "priming",
                    AT, AT, null, report);
            json = ReportJson.read(ReportJson.write(stored)).equals(stored);
        } catch (RuntimeException e) {
            LOG.warnf("priming: report JSON failed: %s", e.toString());
            json = false;
        }
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
