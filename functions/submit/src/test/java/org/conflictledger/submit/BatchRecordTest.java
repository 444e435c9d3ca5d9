package org.conflictledger.submit;

import static org.conflictledger.testing.LambdaEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.json.Json;
import org.conflictledger.testing.FaultInjector.Fault;
import org.conflictledger.testing.LambdaEvents;
import org.conflictledger.testing.MotoResource;
import org.conflictledger.testing.Samples;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Issue 12, item 7: a batch whose idempotency record outgrew DynamoDB's 400 KB item limit stored
 * its valid reports and then answered 503 "nothing was written, retry" forever. Batch replies are
 * now bounded, deterministic storage errors are 500s that do not say "retry", and a 503 after some
 * reports were stored says which.
 */
@QuarkusTest
@QuarkusTestResource(MotoResource.class)
class BatchRecordTest extends SubmitTestBase {

    static final int ITEM_LIMIT = 400 * 1024;

    static LambdaEvents.Reply batch(String key, String body) {
        var b = request("POST", "/v1/reports/batch").as("u1", "reporter").body(body);
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.send();
    }

    static String batchOf(List<String> reports) {
        return "{\"reports\": [" + String.join(",", reports) + "]}";
    }

    /**
     * A report with as many validation errors as 64 KiB allows, with long messages: 1,000 missing
     * places, 50 figures missing metric, group and qualifier with values out of range, 20 actors
     * without name and type, 20 blank tags, and admin codes whose messages quote them.
     */
    static String maximallyInvalid(int n) {
        ObjectNode r;
        try {
            r = (ObjectNode) Json.mapper().readTree(Samples.periodTotal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        r.put("scope", "territory_change");
        ObjectNode territory = r.putObject("territory");
        ArrayNode places = territory.putArray("places");
        for (int i = 0; i < 1000; i++) {
            places.addNull();
        }
        ArrayNode figures = r.putArray("figures");
        for (int i = 0; i < 50; i++) {
            figures.addObject().put("value", 10_000_001 + i + n);
        }
        ArrayNode actors = r.putArray("actors");
        for (int i = 0; i < 20; i++) {
            actors.addObject();
        }
        ArrayNode tags = r.putArray("tags");
        for (int i = 0; i < 20; i++) {
            tags.add(" ");
        }
        ((ObjectNode) r.get("place")).put("admin2", "SY0" + "9".repeat(17));
        String json = r.toString();
        assertTrue(json.length() < 64 * 1024, "within the report limit: " + json.length());
        return json;
    }

    @Test
    void motoEnforcesTheItemLimitThatTheseTestsRelyOn() {
        var e = assertThrows(DynamoDbException.class, () -> db.putItem(PutItemRequest.builder()
                .tableName(MotoResource.TABLE)
                .item(Map.of("pk", AttributeValue.fromS("X#big"), "sk", AttributeValue.fromS("X"),
                        "v", AttributeValue.fromS("x".repeat(ITEM_LIMIT + 1))))
                .build()));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(0, stored());
    }

    @Test
    void aBatchWithTheLargestErrorListsIsStoredRecordedAndReplayed() {
        List<String> reports = new ArrayList<>();
        reports.add(Samples.periodTotal());
        for (int i = 1; i < 100; i++) {
            reports.add(maximallyInvalid(i));
        }
        String body = batchOf(reports);
        var first = batch("big-errors", body);
        assertEquals(200, first.status(), first.body().length() > 500 ? first.body().substring(0, 500) : first.body());
        int bytes = first.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("issue 12 item 7: 100-item batch, 99 maximal error lists -> reply %,d bytes%n", bytes);
        assertTrue(bytes < ITEM_LIMIT, "the reply is bounded: " + bytes);
        JsonNode results = first.json().get("results");
        assertEquals(100, results.size());
        assertEquals(201, results.get(0).get("status").asInt());
        int cut = 0;
        int listed = 0;
        for (int i = 1; i < 100; i++) {
            JsonNode item = results.get(i);
            assertEquals(i, item.get("index").asInt());
            assertEquals(400, item.get("status").asInt(), item.toString());
            JsonNode errors = item.get("errors");
            assertTrue(errors.size() >= 1, "every failed item keeps its first error");
            listed += errors.size();
            String last = errors.get(errors.size() - 1).get("message").asText();
            if (last.contains("more error(s) not listed")) {
                cut++;
            }
        }
        assertTrue(results.get(1).get("errors").size() > 1000, "the first items list every error");
        assertTrue(cut > 0 && listed > 1000, "cut " + cut + ", listed " + listed);
        // One report stored, one record for it, one record for the batch, and it is within the limit.
        assertEquals(1, items("R#").size() / 2);
        List<Map<String, AttributeValue>> records = items("I#");
        assertEquals(2, records.size());
        for (var record : records) {
            System.out.printf("issue 12 item 7: idempotency record %,d bytes%n", size(record));
            assertTrue(size(record) < ITEM_LIMIT, "record of " + size(record) + " bytes");
        }
        // The same key and body return the first response, byte for byte, and store nothing.
        requests.reset();
        var again = batch("big-errors", body);
        assertEquals(first.body(), again.body());
        assertEquals("true", again.header("idempotent-replayed"));
        assertEquals(0, requests.count("TransactWriteItems"), "a replay writes nothing");
        assertEquals(1, items("R#").size() / 2);
    }

    @Test
    void aDeterministicStorageErrorIsA500ThatDoesNotSayRetry() {
        faults.armValidationError(0, "TransactWriteItems", 1);
        var r = create("u1", Samples.periodTotal());
        assertProblem(r, 500);
        assertEquals("/problems/storage-rejected", r.json().get("type").asText());
        assertNull(r.header("retry-after"), r.headers().toString());
        assertFalse(r.json().get("detail").asText().toLowerCase().contains("retry after"), r.body());
        assertEquals(1, faults.fired(), "the SDK does not retry a ValidationException");
        assertEquals(0, stored());

        // A throttle that outlasts the SDK's retries is the retryable kind: 503 with Retry-After.
        faults.arm(Fault.THROTTLE, "TransactWriteItems", 4);
        var t = create("u1", Samples.periodTotal());
        assertProblem(t, 503);
        assertEquals("2", t.header("retry-after"));
        assertEquals(0, stored());
    }

    @Test
    void aBatchInterruptedByStorageSaysWhatItStored() {
        String body = batchOf(List.of(Samples.periodTotal(), Samples.incident("2024-11-28", "SY0200", 3, "W"),
                Samples.incident("2024-11-27", "SY0200", 4, "V")));
        // The first report lands, then storage throttles past the SDK's retries.
        faults.armAfter(1, Fault.THROTTLE, "TransactWriteItems", 4);
        var r = batch("interrupted", body);
        assertProblem(r, 503);
        assertEquals("2", r.header("retry-after"));
        String detail = r.json().get("detail").asText();
        assertTrue(detail.contains("after 1 of the batch's reports were stored"), detail);
        assertFalse(detail.contains("nothing was written"), detail);
        assertEquals(1, items("R#").size() / 2, "exactly what the problem says");
        String storedId = items("R#").get(0).get("pk").s().substring(2);
        assertTrue(detail.contains("0: " + storedId), detail);

        faults.disarm();
        var retry = batch("interrupted", body);
        assertEquals(200, retry.status(), retry.body());
        assertEquals(storedId, retry.json().at("/results/0/id").asText(), "the stored one is not stored twice");
        assertEquals(3, items("R#").size() / 2);

        // A deterministic refusal after the first report: a 500 that names it and does not say retry.
        faults.armValidationError(1, "TransactWriteItems", 1);
        var refused = batch("refused", batchOf(List.of(Samples.incident("2024-11-26", "SY0200", 1, "A"),
                Samples.incident("2024-11-25", "SY0200", 2, "B"))));
        assertProblem(refused, 500);
        assertNull(refused.header("retry-after"));
        assertTrue(refused.json().get("detail").asText().contains("after 1 of the batch's reports were stored"),
                refused.body());
        assertEquals(4, items("R#").size() / 2);
    }

    @Test
    void aBatchWhoseRecordCannotBeWrittenStillAnswersWhatItStored() {
        String body = batchOf(List.of(Samples.periodTotal(), Samples.incident("2024-11-28", "SY0200", 3, "W")));
        // Two report writes pass; the batch record's write (the third) throttles past every retry.
        faults.armAfter(2, Fault.THROTTLE, "TransactWriteItems", 4);
        var r = batch("no-record", body);
        assertEquals(200, r.status(), r.body());
        assertEquals(4, faults.fired());
        assertEquals(2, items("R#").size() / 2);
        faults.disarm();
        var again = batch("no-record", body);
        assertEquals(r.json(), again.json(), "the retry finds both reports through their own records");
        assertEquals(2, items("R#").size() / 2);
    }

    /** DynamoDB's item size: attribute names plus values (strings as UTF-8, binary as bytes). */
    static int size(Map<String, AttributeValue> item) {
        int n = 0;
        for (var e : item.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            AttributeValue v = e.getValue();
            n += v.s() != null ? v.s().getBytes(StandardCharsets.UTF_8).length
                    : v.b() != null ? v.b().asByteArray().length
                    : v.n() != null ? v.n().length() : 1;
        }
        return n;
    }
}
