package org.conflictledger.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** Creates the table from {@link LedgerTable} on local DynamoDB-API servers (tests, make run); AWS gets it from SAM. */
public final class TableSetup {

    private TableSetup() {
    }

    public static void ensure(DynamoDbClient db, String table) {
        try {
            db.describeTable(DescribeTableRequest.builder().tableName(table).build());
            return;
        } catch (ResourceNotFoundException e) {
            // create it below
        }
        try {
            db.createTable(LedgerTable.createRequest(table));
        } catch (ResourceInUseException e) {
            return; // another function created it at the same moment
        }
        db.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(table).build());
        db.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(table)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(LedgerTable.TTL).enabled(true).build())
                .build());
    }
}
