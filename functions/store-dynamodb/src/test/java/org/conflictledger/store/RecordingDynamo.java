package org.conflictledger.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.conflictledger.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A client of the shared moto_server that records every request object the store sends (Powertools
 * style: tests assert the exact requests) and lets a test rewrite responses to inject a fault.
 */
final class RecordingDynamo implements ExecutionInterceptor {

    final List<SdkRequest> requests = new ArrayList<>();
    /** Applied to every response before the store sees it; identity unless a test injects a fault. */
    volatile UnaryOperator<SdkResponse> responses = UnaryOperator.identity();
    final DynamoDbClient client;

    RecordingDynamo() {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(MotoServer.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        synchronized (requests) {
            requests.add(context.request());
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        return responses.apply(context.response());
    }

    /** The requests of one type sent since the last {@link #clear()}. */
    <T extends SdkRequest> List<T> sent(Class<T> type) {
        synchronized (requests) {
            return requests.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    List<String> operations() {
        synchronized (requests) {
            return requests.stream().map(r -> r.getClass().getSimpleName().replace("Request", "")).toList();
        }
    }

    void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }
}
