package org.conflictledger.bench;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The bare side of the floor function, built as its resource builds its own client. A class of its
 * own: the SDK types it names must not be needed to load {@link Driver}, which also runs in the
 * empty functions, whose classpath has no SDK.
 */
final class FloorClient {

    private FloorClient() {
    }

    static DynamoDbClient create() {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
