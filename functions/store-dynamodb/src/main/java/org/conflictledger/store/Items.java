package org.conflictledger.store;

import static org.conflictledger.store.LedgerTable.PK;
import static org.conflictledger.store.LedgerTable.SK;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** Attribute values, keys and the one consistent single-item read every store class uses. */
final class Items {

    private Items() {
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    /** A consistent GetItem; empty when there is no such item. */
    static Optional<Map<String, AttributeValue>> get(DynamoDbClient db, String table, String pk, String sk) {
        var res = Dynamo.call("get item", () -> db.getItem(GetItemRequest.builder()
                .tableName(table).key(key(pk, sk)).consistentRead(true).build()));
        return res.hasItem() && !res.item().isEmpty() ? Optional.of(res.item()) : Optional.empty();
    }
}
