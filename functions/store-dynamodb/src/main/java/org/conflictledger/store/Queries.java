package org.conflictledger.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Every page of one Query (each page one request, past DynamoDB's 1 MB per page). */
final class Queries {

    private Queries() {
    }

    static List<Map<String, AttributeValue>> all(DynamoDbClient db, QueryRequest.Builder q) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryRequest request = q.build();
            QueryResponse r = Dynamo.call("query", () -> db.query(request));
            out.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
