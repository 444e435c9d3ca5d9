package org.conflictledger.store;

import static org.conflictledger.store.Items.key;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.conflictledger.domain.Report;
import org.conflictledger.domain.json.ReportJson;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The uniqueness items of externalIds (docs/data-model.md, "External ids"): one GetItem for one
 * id, BatchGetItem for many (an importer asks for up to 100 rows at once).
 */
final class ExternalIds {

    /** BatchGetItem's limit of keys per request. */
    static final int BATCH = 100;
    /** Rounds of unprocessed keys before giving up with a 503: 25 ms doubling to 1.6 s, ~3 s in all. */
    static final int MAX_ROUNDS = 8;

    private final DynamoDbClient db;
    private final String table;

    ExternalIds(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    Optional<ExternalRef> get(String externalId) {
        return Items.get(db, table, Keys.externalId(externalId), Keys.EXTERNAL_SK).map(ReportItems::externalRef);
    }

    /**
     * The live reports that have these externalIds, by externalId; ids nobody has are absent.
     * Consistent reads, at most 100 keys per BatchGetItem; the keys DynamoDB leaves unprocessed
     * (throttling, the 16 MB response limit) are asked again with exponential backoff and jitter,
     * as the DynamoDB guide says, since the SDK's retries do not cover them.
     */
    Map<String, ExternalRef> find(Collection<String> externalIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(externalIds.stream().filter(Objects::nonNull).toList()));
        Map<String, ExternalRef> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                keys.add(key(Keys.externalId(id), Keys.EXTERNAL_SK));
            }
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new StorageUnavailableException("batch get externalIds: keys still unprocessed after "
                            + MAX_ROUNDS + " rounds", null);
                }
                if (round > 0) {
                    backoff(round);
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse res = Dynamo.call("batch get externalIds",
                        () -> db.batchGetItem(b -> b.requestItems(request)));
                for (Map<String, AttributeValue> item : res.responses().getOrDefault(table, List.of())) {
                    ExternalRef ref = ReportItems.externalRef(item);
                    found.put(ref.externalId(), ref);
                }
                Map<String, KeysAndAttributes> left = new LinkedHashMap<>(res.unprocessedKeys());
                left.values().removeIf(k -> !k.hasKeys() || k.keys().isEmpty());
                pending = left;
            }
        }
        return found;
    }

    /** Full jitter over 25 ms x 2^(round-1), at most 1.6 s. */
    private static void backoff(int round) {
        long cap = 25L << Math.min(round - 1, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while reading externalIds", e);
        }
    }

    /**
     * SHA-256 (hex) of the report's canonical JSON without its externalId (the item's key already
     * is the externalId): equal content, equal hash, in every JVM (see ReportJson.canonical).
     */
    static String contentHash(Report r) {
        return Keys.sha256(ReportJson.canonical(r.withExternalId(null)));
    }
}
