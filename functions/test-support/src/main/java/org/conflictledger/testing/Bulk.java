package org.conflictledger.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.conflictledger.domain.StoredReport;
import org.conflictledger.store.HeadItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads many report heads fast (BatchWriteItem, 25 at a time) for search load tests: the very
 * item {@link HeadItems} builds for a create, without the revision, feed and markers
 * that searching never reads.
 */
public final class Bulk {

    private Bulk() {
    }

    public static void heads(DynamoDbClient db, String table, List<StoredReport> reports) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (StoredReport r : reports) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(HeadItems.of(r)).build()).build());
            if (batch.size() == 25) {
                write(db, table, batch);
                batch = new ArrayList<>(25);
            }
        }
        if (!batch.isEmpty()) {
            write(db, table, batch);
        }
    }

    private static void write(DynamoDbClient db, String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty() && !pending.getOrDefault(table, List.of()).isEmpty(); attempt++) {
            if (attempt > 20) {
                throw new IllegalStateException("batch writes keep coming back unprocessed");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse res = db.batchWriteItem(b -> b.requestItems(request));
            pending = res.unprocessedItems();
        }
    }
}
