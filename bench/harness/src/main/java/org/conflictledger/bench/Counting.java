package org.conflictledger.bench;

import java.util.ArrayList;
import java.util.List;
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
    private static final List<SdkRequest> CAPTURED = new ArrayList<>();
    private static volatile boolean capturing;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SENT.incrementAndGet();
        if (capturing) {
            synchronized (CAPTURED) {
                CAPTURED.add(context.request());
            }
        }
    }

    public static long sent() {
        return SENT.get();
    }

    public static void capture() {
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
