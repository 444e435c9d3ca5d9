package org.conflictledger.store;

import static org.conflictledger.store.Items.n;
import static org.conflictledger.store.Items.s;
import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;
import static org.conflictledger.store.LedgerTable.TTL;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Idempotency records (docs/data-model.md): read, claimed inside a report's write, or put alone for a batch. */
final class IdempotencyRecords {

    private final DynamoDbClient db;
    private final String table;
    private final Clock clock;

    IdempotencyRecords(DynamoDbClient db, String table, Clock clock) {
        this.db = db;
        this.table = table;
        this.clock = clock;
    }

    /** A live (unexpired) record, read consistently. */
    Optional<IdempotencyRecord> get(String key) {
        return Items.get(db, table, key, Keys.IDEM_SK)
                .map(IdempotencyRecords::record)
                .filter(r -> r.expiresAtEpochSecond() > clock.instant().getEpochSecond());
    }

    /** Records the outcome of a whole batch; first writer wins, a concurrent twin wrote the same. */
    void putAlone(IdempotencyRecord record) {
        try {
            Dynamo.call("put idempotency", () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(TransactWriteItem.builder().put(put(record)).build())
                    .build()));
        } catch (TransactionCanceledException e) {
            if (!Cancellations.conditionFailed(e.cancellationReasons(), 0)) {
                throw Cancellations.failure("put idempotency", e);
            }
            // Someone recorded this key first: their record stands.
        }
    }

    /** The claim of a key, as a transaction element: it fails when a live record has the key. */
    Put put(IdempotencyRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(r.key()));
        item.put(SK, s(Keys.IDEM_SK));
        item.put("hash", s(r.bodyHash()));
        item.put(TTL, n(r.expiresAtEpochSecond()));
        if (r.reportId() != null) {
            item.put("rid", s(r.reportId()));
            item.put("rev", n(r.revision()));
        }
        if (r.results() != null) {
            // Compressed: a batch's results repeat the same field names and messages (see Submissions).
            item.put("resultsZ", AttributeValue.builder().b(SdkBytes.fromByteArray(gzip(r.results()))).build());
        }
        // TTL deletion lags by up to two days: an expired record is free to take.
        return Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", TTL))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond())))
                .build();
    }

    private static IdempotencyRecord record(Map<String, AttributeValue> i) {
        return new IdempotencyRecord(i.get(PK).s(), i.get("hash").s(),
                i.containsKey("rid") ? i.get("rid").s() : null,
                i.containsKey("rev") ? Integer.parseInt(i.get("rev").n()) : 0,
                i.containsKey("resultsZ") ? gunzip(i.get("resultsZ").b().asByteArray())
                        : i.containsKey("results") ? i.get("results").s() : null,
                Long.parseLong(i.get(TTL).n()));
    }

    static byte[] gzip(String text) {
        var out = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] bytes) {
        try (var z = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
