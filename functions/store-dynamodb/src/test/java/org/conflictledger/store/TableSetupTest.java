package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** TableSetup creates LedgerTable's definition with its TTL once; a table that exists costs one DescribeTable. */
class TableSetupTest {

    @RegisterExtension
    static final StoreTable TABLE = new StoreTable("setup");

    @Test
    void aMissingTableIsCreatedFromLedgerTableWithItsTtlAndAnExistingOneIsLeftAlone() {
        String fresh = "setup-fresh";
        DescribeTableRequest describe = DescribeTableRequest.builder().tableName(fresh).build();

        TableSetup.ensure(TABLE.client(), fresh);
        List<SdkRequest> creating = TABLE.requests();
        TABLE.reset();
        TableSetup.ensure(TABLE.client(), fresh);

        assertEquals(List.of(describe, LedgerTable.createRequest(fresh), describe,
                        UpdateTimeToLiveRequest.builder().tableName(fresh).timeToLiveSpecification(
                                TimeToLiveSpecification.builder().attributeName("ttl").enabled(true).build()).build()),
                creating);
        assertEquals(List.of(describe), TABLE.requests());
        TableDescription t = TABLE.client().describeTable(describe).table();
        assertEquals(List.of("byCountry", "byAdmin1", "byAdmin2", "byFeed"),
                t.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
        assertEquals(LedgerTable.createRequest(fresh).keySchema(), t.keySchema());
        assertEquals("ttl", TABLE.client().describeTimeToLive(b -> b.tableName(fresh))
                .timeToLiveDescription().attributeName());
    }
}
