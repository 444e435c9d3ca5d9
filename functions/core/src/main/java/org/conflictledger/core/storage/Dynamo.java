package org.conflictledger.core.storage;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Builds the DynamoDB client and turns the SDK's failures into the service's. */
public final class Dynamo {

    private Dynamo() {
    }

    /**
     * The SDK's standard configuration and nothing else, so that one code path runs everywhere
     * (docs/deploy.md, "Configuration"): credentials from the default chain (under SnapStart Lambda
     * gives only AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN, no
     * AWS_ACCESS_KEY_ID), region from AWS_REGION, and a local endpoint (moto_server) from the
     * standard AWS_ENDPOINT_URL_DYNAMODB, which local runs and tests set like any SDK application.
     */
    public static DynamoDbClient client(List<ExecutionInterceptor> interceptors) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(interceptors)
                        .retryStrategy(retryStrategy())
                        .apiCallTimeout(Duration.ofSeconds(12))
                        .build())
                .build();
    }

    /**
     * Four attempts with short backoff: a request behind API Gateway has seconds, not minutes, so a
     * throttle that outlasts ~1.5 s becomes a 503 with Retry-After and the client decides.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(4)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(400)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
    }

    /** Runs a storage call; what the SDK could not get through after its retries becomes a 503. */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw new StorageUnavailableException(what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
