package org.conflictledger.testing;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Injects DynamoDB faults into the real client talking to moto_server, per attempt (the SDK's
 * retries are attempts too): throttling and 500s before the request leaves (nothing applied),
 * the same after it was applied (the ambiguous outcome), and a connection lost after the write.
 * Disarmed, it does nothing. A bean in function tests (this module's beans.xml), last in the
 * interceptor chain so that the request counter sees every attempt, failed ones too.
 */
@Singleton
@Priority(-100)
public class FaultInjector implements ExecutionInterceptor {

    public enum Fault {
        /** ThrottlingException; the request never reached the server. */
        THROTTLE,
        /** HTTP 500 InternalServerError; the request never reached the server. */
        SERVER_ERROR,
        /** The server applied the request, then the client saw ThrottlingException. */
        THROTTLE_AFTER_WRITE,
        /** The server applied the request, then the connection was reset. */
        LOST_RESPONSE
    }

    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final AtomicReference<String> operation = new AtomicReference<>();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger skip = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();

    /** The next {@code times} attempts of {@code op} (e.g. "TransactWriteItems"; null = any) fail with {@code f}. */
    public void arm(Fault f, String op, int times) {
        armAfter(0, f, op, times);
    }

    /**
     * Lets the next {@code skipped} matching attempts through, then fails the {@code times} after
     * them: to interrupt a sequence of calls at any one point.
     */
    public void armAfter(int skipped, Fault f, String op, int times) {
        validation.set(false);
        fired.set(0);
        skip.set(skipped);
        operation.set(op);
        remaining.set(times);
        fault.set(f);
    }

    private final AtomicBoolean validation = new AtomicBoolean();

    /**
     * Like {@link #armAfter} with {@link Fault#THROTTLE}, but the attempts fail with a
     * ValidationException (HTTP 400), as DynamoDB answers an item over 400 KB: a deterministic
     * error that the SDK does not retry and a client retry cannot cure. Not a {@link Fault}, so
     * the fault matrices (which expect every fault to pass on retry) do not iterate it.
     */
    public void armValidationError(int skipped, String op, int times) {
        armAfter(skipped, Fault.THROTTLE, op, times);
        validation.set(true);
    }

    public void disarm() {
        validation.set(false);
        hook.set(null);
        hookOperation.set(null);
        fault.set(null);
        remaining.set(0);
        skip.set(0);
    }

    private Fault fire(ExecutionAttributes attributes, boolean afterSend) {
        Fault f = fault.get();
        if (f == null || afterSend != (f == Fault.THROTTLE_AFTER_WRITE || f == Fault.LOST_RESPONSE)) {
            return null;
        }
        String op = operation.get();
        if (op != null && !op.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return null;
        }
        if (skip.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return null;
        }
        if (remaining.getAndDecrement() > 0) {
            fired.incrementAndGet();
            return f;
        }
        return null;
    }

    /** How many faults fired since the last arm. */
    public int fired() {
        return fired.get();
    }

    private final AtomicReference<String> hookOperation = new AtomicReference<>();
    private final AtomicReference<Runnable> hook = new AtomicReference<>();

    /** Runs {@code action} once, just before the next attempt of {@code op} leaves: to interleave a concurrent change. */
    public void beforeNext(String op, Runnable action) {
        hookOperation.set(op);
        hook.set(action);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String hop = hookOperation.get();
        if (hop != null && hop.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            Runnable action = hook.getAndSet(null);
            if (action != null) {
                hookOperation.set(null);
                action.run();
            }
        }
        Fault f = fire(attributes, false);
        if (f != null) {
            throw validation.get() ? validationError() : error(f);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Fault f = fire(attributes, true);
        if (f == Fault.LOST_RESPONSE) {
            throw SdkClientException.builder().message("injected: connection reset after the request was applied")
                    .cause(new SocketException("Connection reset")).build();
        }
        if (f == Fault.THROTTLE_AFTER_WRITE) {
            throw error(Fault.THROTTLE);
        }
    }

    private static DynamoDbException validationError() {
        return (DynamoDbException) DynamoDbException.builder()
                .message("injected: Item size has exceeded the maximum allowed size")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ValidationException")
                        .errorMessage("injected: Item size has exceeded the maximum allowed size")
                        .serviceName("DynamoDb")
                        .build())
                .build();
    }

    private static DynamoDbException error(Fault f) {
        boolean throttle = f == Fault.THROTTLE;
        return (DynamoDbException) DynamoDbException.builder()
                .message("injected " + f)
                .statusCode(throttle ? 400 : 500)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(throttle ? "ThrottlingException" : "InternalServerError")
                        .errorMessage("injected " + f)
                        .serviceName("DynamoDb")
                        .build())
                .build();
    }
}
