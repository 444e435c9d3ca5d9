package org.conflictledger.store;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.SocketException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Issue 12, item 7: only failures that waiting can cure are StorageUnavailableException (a 503
 * that says "retry", see lambda-http's ProblemsTest); the rest are StorageRejectedException.
 */
class DynamoCallTest {

    static DynamoDbException service(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    static RuntimeException outcome(SdkException e) {
        return assertThrows(RuntimeException.class, () -> Dynamo.call("test", () -> {
            throw e;
        }));
    }

    @Test
    void transientFailuresAre503s() {
        for (SdkException e : new SdkException[] {
                service(400, "ThrottlingException"),
                service(400, "ProvisionedThroughputExceededException"),
                service(400, "RequestLimitExceeded"),
                service(400, "TransactionConflictException"),
                service(500, "InternalServerError"),
                service(503, "ServiceUnavailable"),
                ApiCallTimeoutException.create(12_000),
                SdkClientException.builder().message("reset").cause(new SocketException("Connection reset")).build()}) {
            RuntimeException r = outcome(e);
            assertInstanceOf(StorageUnavailableException.class, r, e.toString());
        }
    }

    @Test
    void deterministicFailuresAre500sWithoutRetry() {
        for (SdkException e : new SdkException[] {
                service(400, "ValidationException"),
                service(400, "ResourceNotFoundException"),
                service(400, "AccessDeniedException"),
                service(400, "ItemCollectionSizeLimitExceededException"),
                SdkClientException.builder().message("Unable to marshall request").build()}) {
            RuntimeException r = outcome(e);
            assertInstanceOf(StorageRejectedException.class, r, e.toString());
        }
    }
}
