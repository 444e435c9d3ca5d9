package org.conflictledger.testing;

import java.util.List;
import java.util.Map;
import org.conflictledger.store.TableSetup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Looks at the whole test table, as only a test may (a Scan): what was stored, and what was not. */
public final class Table {

    private Table() {
    }

    public static List<Map<String, AttributeValue>> items(DynamoDbClient db, String table) {
        return db.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().stream().toList();
    }

    /** Items whose partition key starts with {@code prefix} (R#, F#, I#, D#, M, N#, G#). */
    public static List<Map<String, AttributeValue>> items(DynamoDbClient db, String table, String prefix) {
        return items(db, table).stream().filter(i -> i.get("pk").s().startsWith(prefix)).toList();
    }

    public static long count(DynamoDbClient db, String table, String prefix) {
        return items(db, table, prefix).size();
    }

    /** A fresh, empty table with the production keys and indexes. */
    public static void reset(DynamoDbClient db, String table) {
        try {
            db.deleteTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            // first use
        }
        TableSetup.ensure(db, table);
    }
}
