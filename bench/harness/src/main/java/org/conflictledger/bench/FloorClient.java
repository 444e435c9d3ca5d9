package org.conflictledger.bench;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
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
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(System.getenv("LEDGER_DYNAMODB_ENDPOINT")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
