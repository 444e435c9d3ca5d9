package org.conflictledger.store;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
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

    /**
     * Runs a storage call. What the SDK could not get through after its retries becomes a 503
     * ({@link StorageUnavailableException}) only when waiting can help (throttling, 5xx, timeouts,
     * lost connections); a deterministic refusal (validation, item too large, missing table, access)
     * becomes {@link StorageRejectedException}, which never tells the client to retry.
     */
    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            if (retryable(e)) {
                throw new StorageUnavailableException(what + " failed: " + describe(e), e);
            }
            throw new StorageRejectedException(what + " refused: " + describe(e), e);
        }
    }

    /** Error codes that clear with time although DynamoDB answers them with HTTP 400. */
    private static final Set<String> TRANSIENT_CODES = Set.of("ThrottlingException",
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TransactionConflictException",
            "TransactionInProgressException", "LimitExceededException");

    /** True when the same request may succeed later: throttling, server errors, timeouts, I/O. */
    public static boolean retryable(SdkException e) {
        if (e instanceof SdkServiceException s) {
            String code = s instanceof AwsServiceException a && a.awsErrorDetails() != null
                    ? a.awsErrorDetails().errorCode() : null;
            return s.statusCode() >= 500 || s.isThrottlingException() || s.retryable()
                    || (code != null && TRANSIENT_CODES.contains(code));
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || e instanceof RetryableException || e.retryable()) {
            return true;
        }
        // A client-side failure is transient when the network failed (reset, refused, timed out),
        // deterministic otherwise (a request that cannot be built or signed fails the same way again).
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            return a.awsErrorDetails().errorCode() + " (" + a.statusCode() + "): " + a.awsErrorDetails().errorMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
