package org.conflictledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A global SDK interceptor (listed in software/amazon/awssdk/global/handlers/execution.interceptors,
 * so every DynamoDB client in the JVM runs it, the function's own included). Counts every request
 * sent (retries included) and, while capturing, keeps each request so that the bare-SDK side of the
 * benchmark can replay exactly what a handler invocation sent.
 */
public final class Counting implements ExecutionInterceptor {

    private static final AtomicLong SENT = new AtomicLong();
    /**
     * Requests sent per "service:Operation" (dynamodb:GetItem, s3:GetObject), always on: a long
     * import cannot keep every request it sent, as {@link #capture()} does.
     */
    private static final Map<String, AtomicLong> BY_OPERATION = new ConcurrentHashMap<>();
    private static final List<SdkRequest> CAPTURED = new ArrayList<>();
    private static volatile boolean capturing;
    /** nanoTime of the first request's start and the last response's end since {@link #capture()}. */
    private static volatile long firstStart;
    private static volatile long lastEnd;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (firstStart == 0) {
            firstStart = System.nanoTime();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        lastEnd = System.nanoTime();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        lastEnd = System.nanoTime();
    }

    public static long firstStart() {
        return firstStart;
    }

    public static long lastEnd() {
        return lastEnd;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SENT.incrementAndGet();
        BY_OPERATION.computeIfAbsent(operation(context.request()), k -> new AtomicLong()).incrementAndGet();
        if (capturing) {
            synchronized (CAPTURED) {
                CAPTURED.add(context.request());
            }
        }
    }

    /** software.amazon.awssdk.services.dynamodb.model.GetItemRequest -> dynamodb:GetItem */
    static String operation(SdkRequest r) {
        String pkg = r.getClass().getPackageName();
        String service = pkg.replaceFirst("^software\\.amazon\\.awssdk\\.services\\.", "").replaceFirst("\\.model$", "");
        return service + ":" + r.getClass().getSimpleName().replaceFirst("Request$", "");
    }

    /** A snapshot of the per-operation counts since the JVM started. */
    public static Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        BY_OPERATION.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public static long sent() {
        return SENT.get();
    }

    public static void capture() {
        firstStart = 0;
        lastEnd = 0;
        synchronized (CAPTURED) {
            CAPTURED.clear();
        }
        capturing = true;
    }

    public static List<SdkRequest> captured() {
        capturing = false;
        synchronized (CAPTURED) {
            return new ArrayList<>(CAPTURED);
        }
    }
}
